// Reads a scenario: YAML -> DocNode tree -> overrides -> every section checked,
// all errors reported together.
#include "harness/scenario/loader.hpp"

#include <fstream>
#include <regex>

#include "harness/scenario/diagnostics.hpp"
#include "harness/scenario/doc_node.hpp"
#include "harness/scenario/overrides.hpp"
#include "harness/scenario/readers.hpp"
#include "harness/scenario/sections.hpp"

namespace faultline::harness {

namespace {

const std::vector<std::string> kTopLevelKeys = {"name",    "seed",     "expect", "time_limit", "nodes",
                                                "network", "workload", "client", "nemesis",    "checkers"};

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out += (out.empty() ? "" : "\n") + line;
  return out;
}

void read_name(const MapView& top, Scenario& scenario, Diagnostics& diag) {
  const DocNode* name = top.require("name");
  if (!name) return;
  auto text = read_string(*name, "name", diag);
  if (!text) return;
  // The name becomes a directory in the run store.
  static const std::regex kSafe("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
  if (!std::regex_match(*text, kSafe)) {
    diag.error(name->loc, "name '" + *text + "' cannot be a directory name",
               "1..128 letters, digits, '_', '-', '.', starting with a letter or digit");
    return;
  }
  // STORE/latest and STORE/suites are the store's own entries: a run named
  // `latest` would be created inside the previous run through the link.
  if (*text == "latest" || *text == "suites") {
    diag.error(name->loc, "name '" + *text + "' is reserved by the run store",
               "any other name; 'latest' and 'suites' are the store's own entries");
    return;
  }
  scenario.name = *text;
}

Scenario build(DocNode root, const std::string& origin, const LoadOptions& options, Diagnostics& diag) {
  Scenario scenario;
  scenario.path = origin;
  if (diag.has_errors()) return scenario;  // a syntax error: nothing to validate
  for (const auto& assignment : options.overrides) apply_override(root, assignment, diag);
  if (root.is_null() || (root.is_map() && root.entries.empty())) {
    diag.error(root.loc, "the scenario is empty", "keys " + join(kTopLevelKeys));
    return scenario;
  }
  MapView top(root, "", kTopLevelKeys, diag);
  if (!top.ok()) return scenario;
  scenario.source = to_json(root);

  read_name(top, scenario, diag);
  if (const DocNode* seed = top.get("seed")) {
    if (auto s = read_uint64(*seed, "seed", diag)) scenario.seed = *s;
  }
  if (const DocNode* expect = top.get("expect")) {
    if (auto e = read_enum(*expect, "expect", {"valid", "invalid", "unknown"}, diag)) scenario.expect = *e;
  }
  if (const DocNode* limit = top.get("time_limit")) {
    if (auto d = read_duration(*limit, "time_limit", diag, Nanos{1})) scenario.time_limit = *d;
  }

  static const DocNode kNull;
  if (const DocNode* nodes = top.require("nodes")) scenario.nodes = parse_nodes(*nodes, diag);
  if (const DocNode* network = top.get("network")) scenario.network = parse_network(*network, diag);
  if (const DocNode* workload = top.require("workload"))
    scenario.workload = parse_workload(*workload, scenario.nodes.ids.size(), diag);
  if (const DocNode* client = top.get("client")) scenario.client = parse_client(*client, diag);
  if (scenario.nodes.protocol != "maelstrom" && !scenario.client && top.get("nodes")) {
    // The workloads' clients speak Maelstrom; a real server speaks its own
    // protocol, so something must translate (docs/adapters.md).
    diag.error(scenario.nodes.loc,
               "nodes.protocol " + scenario.nodes.protocol +
                   " needs a client adapter: the workload's clients speak Maelstrom, the nodes their own "
                   "protocol; add client: {command: [...]} (docs/adapters.md, docs/networked.md)",
               "client: {command: [path/to/adapter]}");
  }

  if (scenario.network.trace && scenario.nodes.protocol != "maelstrom")
    diag.warning(scenario.network.trace_loc,
                 "network.trace records the messages of the stdio router; nodes.protocol " +
                     scenario.nodes.protocol +
                     " carries byte streams through the proxies, which are not traced (their counts are in "
                     "results.json's proxy stats), so trace.jsonl stays empty");
  SectionContext ctx{diag, scenario.nodes.ids, scenario.nodes.protocol, scenario.time_limit};
  scenario.nemesis = parse_nemesis(top.get("nemesis") ? *top.get("nemesis") : kNull, ctx);
  scenario.checkers = parse_checkers(top.get("checkers") ? *top.get("checkers") : kNull, diag);
  return scenario;
}

Scenario finish(Scenario scenario, const Diagnostics& diag) {
  if (diag.has_errors()) throw ScenarioError(diag.errors());
  scenario.warnings = diag.warnings();
  return scenario;
}

}  // namespace

ScenarioError::ScenarioError(std::vector<std::string> errors)
    : std::runtime_error(join_lines(errors)), errors_(std::move(errors)) {}

Scenario load_scenario_text(const std::string& text, const std::string& name_for_errors,
                            const LoadOptions& options) {
  Diagnostics diag;
  DocNode root = parse_yaml_document(text, name_for_errors, diag);
  return finish(build(std::move(root), name_for_errors, options, diag), diag);
}

Scenario load_scenario(const std::string& path, const LoadOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw ScenarioError(std::vector<std::string>{
        path + ":1:1: cannot open the scenario file; check the path (relative paths start at " +
        "the current directory)"});
  }
  // Read one byte past the limit, so an oversized file is refused without reading it all.
  std::string text(kMaxYamlBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return load_scenario_text(text, path, options);
}

}  // namespace faultline::harness
