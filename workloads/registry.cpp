#include "workloads/registry.hpp"

namespace faultline::workloads {

const std::vector<WorkloadEntry>& workload_table() {
  static const std::vector<WorkloadEntry> table = {};
  return table;
}

const WorkloadEntry* find_workload(const std::string& name) {
  for (const auto& entry : workload_table())
    if (entry.name == name) return &entry;
  return nullptr;
}

}  // namespace faultline::workloads
