#pragma once
// Runs the scenario's checkers (or the workload's defaults) over the history,
// in parallel, each isolated so one that throws only makes itself unknown.
#include <filesystem>
#include <vector>

#include "harness/runtime/results.hpp"
#include "harness/scenario/scenario.hpp"
#include "history/op.hpp"
#include "workloads/workload.hpp"

namespace faultline::harness {

std::vector<NamedCheck> run_checks(const Scenario& scenario, const workloads::Workload& workload,
                                   const history::History& history, const std::filesystem::path& run_dir);

}  // namespace faultline::harness
