// `nodes:` — which processes to start and how.
#include <regex>
#include <set>
#include <sstream>

#include "harness/scenario/node_templates.hpp"
#include "harness/scenario/readers.hpp"
#include "harness/scenario/sections.hpp"

namespace faultline::harness {

namespace {

// Endpoints that share the router's address space with nodes: clients are
// c1, c2, ... and the Maelstrom services have fixed names.
const std::vector<std::string> kReservedNames = {"lin-kv", "seq-kv", "lww-kv", "lin-tso"};
constexpr int kMaxNodeCount = 100;

bool valid_node_name(const DocNode& item, const std::string& name, const std::string& path,
                     Diagnostics& diag) {
  static const std::regex kAllowed("[A-Za-z0-9][A-Za-z0-9_.-]*");
  static const std::regex kClientId("c[0-9]+");
  if (!std::regex_match(name, kAllowed)) {
    diag.error(item.loc, path + " '" + name + "' is not a usable node id",
               "letters, digits, '_', '-', '.', starting with a letter or digit");
    return false;
  }
  if (std::regex_match(name, kClientId)) {
    diag.error(item.loc, path + " '" + name + "' clashes with the client ids c1, c2, ...",
               "any other name, e.g. n1");
    return false;
  }
  for (const auto& reserved : kReservedNames) {
    if (name == reserved) {
      diag.error(item.loc, path + " '" + name + "' is the name of a Maelstrom service",
                 "any name but " + join(kReservedNames));
      return false;
    }
  }
  return true;
}

std::optional<std::vector<std::string>> read_ids(const MapView& map, Diagnostics& diag) {
  const DocNode* count = map.get("count");
  const DocNode* names = map.get("names");
  if (count && names) {
    diag.error(names->loc, "nodes.count and nodes.names are both given; use one",
               "count: N (ids n1..nN) or names: [a, b, c]");
    return std::nullopt;
  }
  if (!count && !names) {
    diag.error(map.node().loc, "nodes needs either count or names",
               "count: N (ids n1..nN) or names: [a, b, c]");
    return std::nullopt;
  }
  if (count) {
    auto n = read_int(*count, "nodes.count", 1, kMaxNodeCount, diag);
    if (!n) return std::nullopt;
    std::vector<std::string> ids;
    for (int i = 1; i <= *n; ++i) ids.push_back("n" + std::to_string(i));
    return ids;
  }
  auto list = read_string_list(*names, "nodes.names", diag);
  if (!list) return std::nullopt;
  if (list->empty() || list->size() > static_cast<std::size_t>(kMaxNodeCount)) {
    diag.error(names->loc, "nodes.names lists " + std::to_string(list->size()) + " nodes",
               "1.." + std::to_string(kMaxNodeCount) + " names");
    return std::nullopt;
  }
  bool ok = true;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto& name = (*list)[i];
    const std::string path = "nodes.names[" + std::to_string(i) + "]";
    if (!valid_node_name(names->items[i], name, path, diag)) {
      ok = false;
    } else if (!seen.insert(name).second) {
      diag.error(names->items[i].loc, path + " '" + name + "' is listed twice", "each node name once");
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return list;
}

// A YAML flow item as written: bare when plain, single-quoted otherwise.
std::string flow_item(const std::string& word) {
  if (!word.empty() && word.find_first_of(",[]{}#:'\"&*!|>%@`?") == std::string::npos && word[0] != '-')
    return word;
  std::string q = "'";
  for (char c : word) q += c == '\'' ? std::string("''") : std::string(1, c);
  return q + "'";
}

// `command: python3 node.py` meant the argv [python3, node.py]; a shell line
// (quotes, pipes, variables) can only run through a shell.
std::string command_list_suggestion(const std::string& text) {
  if (text.find_first_of("'\"$|;&<>*`\\()") != std::string::npos)
    return "[sh, -c, " + flow_item(text) + "] to run it through a shell, or the words as a list";
  std::istringstream in(text);
  std::string list;
  for (std::string word; in >> word;) list += (list.empty() ? "" : ", ") + flow_item(word);
  return "a list of the program and its arguments: [" + list + "]";
}

}  // namespace

NodesSpec parse_nodes(const DocNode& node, Diagnostics& diag) {
  NodesSpec spec;
  spec.loc = node.loc;
  MapView map(
      node, "nodes",
      {"count", "names", "command", "protocol", "env", "cwd", "init_timeout", "ports", "ready", "hosts"},
      diag);
  if (!map.ok()) return spec;

  if (auto ids = read_ids(map, diag)) spec.ids = std::move(*ids);
  if (const DocNode* protocol = map.get("protocol")) {
    if (auto name = read_enum(*protocol, "nodes.protocol", {"maelstrom", "tcp", "udp"}, diag))
      spec.protocol = *name;
  }
  parse_networking(map, spec, diag);

  if (const DocNode* command = map.require("command")) {
    if (command->is_scalar()) {
      diag.error(
          command->loc,
          "nodes.command must be a list (argv; no shell runs it), got the string '" + command->scalar + "'",
          command_list_suggestion(command->scalar));
    } else if (auto argv = read_string_list(*command, "nodes.command", diag)) {
      if (argv->empty() || argv->front().empty()) {
        diag.error(command->loc, "nodes.command must name a program first", "[program, arg, ...]");
      }
      for (std::size_t i = 0; i < argv->size(); ++i)
        check_node_templates((*argv)[i], command->items[i], "nodes.command[" + std::to_string(i) + "]", spec,
                             diag);
      spec.command = std::move(*argv);
      if (!command->items.empty()) spec.command_loc = command->items.front().loc;
    }
  }

  if (const DocNode* env = map.get("env")) {
    if (auto vars = read_string_map(*env, "nodes.env", diag)) {
      for (const auto& entry : env->entries)
        if (entry.value.is_scalar())
          check_node_templates(entry.value.scalar, entry.value, "nodes.env." + entry.key.text, spec, diag);
      spec.env = std::move(*vars);
    }
  }
  if (const DocNode* cwd = map.get("cwd")) {
    if (auto dir = read_string(*cwd, "nodes.cwd", diag)) spec.cwd = *dir;
  }
  if (const DocNode* timeout = map.get("init_timeout")) {
    if (auto d = read_duration(*timeout, "nodes.init_timeout", diag, Nanos{1})) spec.init_timeout = *d;
  }
  return spec;
}

}  // namespace faultline::harness
