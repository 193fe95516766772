// `client:` — the adapter program each client runs (docs/adapters.md).
#include "harness/scenario/readers.hpp"
#include "harness/scenario/sections.hpp"

namespace faultline::harness {

AdapterSpec parse_client(const DocNode& node, Diagnostics& diag) {
  AdapterSpec spec;
  spec.loc = node.loc;
  MapView map(node, "client", {"command", "options", "env", "init_timeout"}, diag);
  if (!map.ok()) return spec;
  if (const DocNode* command = map.require("command")) {
    if (command->is_scalar()) {
      diag.error(
          command->loc,
          "client.command must be a list (argv; no shell runs it), got the string '" + command->scalar + "'",
          "a list such as [" + command->scalar + "]");
    } else if (auto argv = read_string_list(*command, "client.command", diag)) {
      if (argv->empty() || argv->front().empty())
        diag.error(command->loc, "client.command must name a program first", "[program, arg, ...]");
      spec.command = std::move(*argv);
    }
  }
  if (const DocNode* options = map.get("options")) {
    if (!options->is_map() && !options->is_null()) {
      diag.error(options->loc, "client.options must be a map, got " + options->describe(),
                 "options the adapter reads, e.g. {consistency: serializable}");
    } else if (options->is_map()) {
      spec.options = to_json(*options).as_object();
    }
  }
  if (const DocNode* env = map.get("env")) {
    if (auto vars = read_string_map(*env, "client.env", diag)) spec.env = std::move(*vars);
  }
  if (const DocNode* timeout = map.get("init_timeout")) {
    if (auto d = read_duration(*timeout, "client.init_timeout", diag, Nanos{1})) spec.init_timeout = *d;
  }
  return spec;
}

}  // namespace faultline::harness
