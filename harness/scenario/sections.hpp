#pragma once
// The parsers of each top-level section of a scenario. Internal to the loader;
// each lives in its own <section>_section.cpp. They report every problem to
// Diagnostics and fill what they could read, so one pass finds all errors.
#include <optional>
#include <string>
#include <vector>

#include "harness/scenario/diagnostics.hpp"
#include "harness/scenario/doc_node.hpp"
#include "harness/scenario/scenario.hpp"
#include "workloads/params.hpp"

namespace faultline::harness {

// What later sections need to know about the ones already read.
struct SectionContext {
  Diagnostics& diag;
  // Empty when `nodes` itself was invalid; name checks are then skipped
  // rather than reported as a cascade of unknown nodes.
  std::vector<std::string> node_ids;
  std::string protocol = "maelstrom";
  Nanos time_limit{0};
};

// `ids` stays empty when they cannot be read.
NodesSpec parse_nodes(const DocNode& node, Diagnostics& diag);
class MapView;
// nodes.ports, nodes.ready and nodes.hosts of tcp/udp nodes (after
// nodes.protocol is read); each is an error on maelstrom nodes.
void parse_networking(const MapView& nodes, NodesSpec& spec, Diagnostics& diag);

NetworkSpec parse_network(const DocNode& node, Diagnostics& diag);
// A constant shorthand ("5ms") or {distribution, mean, jitter, shape}.
std::optional<nemesis::LatencySpec> parse_latency(const DocNode& node, const std::string& path,
                                                  Diagnostics& diag);

WorkloadSpec parse_workload(const DocNode& node, std::size_t node_count, Diagnostics& diag);
// Checks `params` against a workload's declared ParamSpecs and fills defaults.
boost::json::object parse_workload_params(const DocNode* params, const std::string& path,
                                          const SourceLoc& owner,
                                          const std::vector<workloads::ParamSpec>& specs, Diagnostics& diag);

// one | minority | majority | minority-third | all, [names], or {random: k}.
std::optional<NodeSelector> parse_node_selector(const DocNode& node, const std::string& path,
                                                const SectionContext& ctx);
std::optional<FaultSpec> parse_fault(const DocNode& node, const std::string& path, const SectionContext& ctx);
std::vector<ScheduleEntry> parse_nemesis(const DocNode& node, const SectionContext& ctx);

AdapterSpec parse_client(const DocNode& node, Diagnostics& diag);

std::vector<CheckerUse> parse_checkers(const DocNode& node, Diagnostics& diag);

}  // namespace faultline::harness
