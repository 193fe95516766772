#pragma once
// The one table of workloads a scenario may name.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "workloads/params.hpp"
#include "workloads/workload.hpp"

namespace faultline::workloads {

struct WorkloadEntry {
  std::string name;
  std::string summary;
  std::vector<ParamSpec> params;  // accepted under `workload.params`
  std::function<std::unique_ptr<Workload>(const WorkloadContext&)> make;
};

const std::vector<WorkloadEntry>& workload_table();
// nullptr when unknown.
const WorkloadEntry* find_workload(const std::string& name);

}  // namespace faultline::workloads
