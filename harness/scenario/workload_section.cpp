// `workload:` — what the clients do, checked against the workload registry.
#include <cmath>

#include "harness/scenario/readers.hpp"
#include "harness/scenario/scalars.hpp"
#include "harness/scenario/sections.hpp"
#include "workloads/registry.hpp"

namespace faultline::harness {

namespace {

constexpr std::int64_t kMaxConcurrency = 10'000;

// An integer, or "Nn": N clients per node, so a scenario keeps its load shape
// when --set nodes.count changes the cluster size.
std::optional<int> read_concurrency(const DocNode& node, std::size_t node_count, Diagnostics& diag) {
  const std::string allowed =
      "an integer 1.." + std::to_string(kMaxConcurrency) + ", or Nn meaning N clients per node (e.g. 2n)";
  if (node.is_scalar() && !node.quoted && parse_int64(node.scalar)) {
    auto n = read_int(node, "workload.concurrency", 1, kMaxConcurrency, diag);
    if (!n) return std::nullopt;
    return static_cast<int>(*n);
  }
  if (node.is_scalar() && node.scalar.size() > 1 && node.scalar.back() == 'n') {
    const auto per_node = parse_int64(std::string_view(node.scalar).substr(0, node.scalar.size() - 1));
    if (per_node && *per_node >= 1 && *per_node <= kMaxConcurrency) {
      const std::int64_t total = *per_node * static_cast<std::int64_t>(node_count);
      if (total > kMaxConcurrency) {
        diag.error(
            node.loc,
            "workload.concurrency " + node.scalar + " means " + std::to_string(total) + " clients, too many",
            allowed);
        return std::nullopt;
      }
      return static_cast<int>(total);
    }
  }
  diag.error(node.loc, "workload.concurrency must be a client count, got " + node.describe(), allowed);
  return std::nullopt;
}

}  // namespace

WorkloadSpec parse_workload(const DocNode& node, std::size_t node_count, Diagnostics& diag) {
  WorkloadSpec spec;
  spec.loc = node.loc;
  spec.concurrency = static_cast<int>(node_count);  // default "1n"
  MapView map(node, "workload",
              {"type", "rate", "concurrency", "timeout", "quiesce", "final_time_limit", "params"}, diag);
  if (!map.ok()) return spec;

  const workloads::WorkloadEntry* entry = nullptr;
  if (const DocNode* type = map.require("type")) {
    std::vector<std::string> names;
    for (const auto& e : workloads::workload_table()) names.push_back(e.name);
    if (auto name = read_enum(*type, "workload.type", names, diag)) {
      spec.type = *name;
      entry = workloads::find_workload(*name);
    }
  }
  if (const DocNode* rate = map.get("rate")) {
    if (auto r = read_number(*rate, "workload.rate", 0, 1e9, diag)) spec.rate = *r;
  }
  if (const DocNode* concurrency = map.get("concurrency")) {
    if (auto c = read_concurrency(*concurrency, node_count, diag)) spec.concurrency = *c;
  }
  if (const DocNode* timeout = map.get("timeout")) {
    if (auto d = read_duration(*timeout, "workload.timeout", diag, Nanos{1})) spec.timeout = *d;
  }
  if (const DocNode* quiesce = map.get("quiesce")) {
    if (auto d = read_duration(*quiesce, "workload.quiesce", diag)) spec.quiesce = *d;
  }
  if (const DocNode* limit = map.get("final_time_limit")) {
    if (auto d = read_duration(*limit, "workload.final_time_limit", diag, Nanos{1}))
      spec.final_time_limit = *d;
  }
  // Without a known workload there is nothing to check params against; the
  // unknown type is already reported.
  if (entry) {
    spec.params = parse_workload_params(map.get("params"), "workload.params", node.loc, entry->params, diag);
  }
  return spec;
}

}  // namespace faultline::harness
