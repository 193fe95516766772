#include "workloads/registry.hpp"

#include "workloads/echo.hpp"
#include "workloads/unique_ids.hpp"

namespace faultline::workloads {

const std::vector<WorkloadEntry>& workload_table() {
  static const std::vector<WorkloadEntry> table = {
      {"echo", "clients send values and expect them echoed back", {},
       [](const WorkloadContext&) { return std::make_unique<EchoWorkload>(); }},
      {"unique-ids", "clients ask for ids that must be globally unique", {},
       [](const WorkloadContext&) { return std::make_unique<UniqueIdsWorkload>(); }},
  };
  return table;
}

const WorkloadEntry* find_workload(const std::string& name) {
  for (const auto& entry : workload_table())
    if (entry.name == name) return &entry;
  return nullptr;
}

}  // namespace faultline::workloads
