#pragma once
// Runs the scenario's checkers (or the workload's defaults) over the history,
// in parallel, each isolated so one that throws only makes itself unknown.
#include <filesystem>
#include <vector>

#include "harness/runtime/results.hpp"
#include "harness/runtime/signal_watch.hpp"
#include "harness/scenario/scenario.hpp"
#include "history/op.hpp"
#include "workloads/workload.hpp"

namespace faultline::harness {

struct CheckRun {
  std::vector<NamedCheck> checks;  // every checker; those a signal cut short are unknown
  // A signal came before every checker finished. The unfinished ones go on
  // running on their threads, reading the history: the caller must end the
  // process (after writing what it has) without destroying it.
  bool abandoned = false;
};

CheckRun run_checks(const Scenario& scenario, const workloads::Workload& workload,
                    const history::History& history, const std::filesystem::path& run_dir,
                    const SignalWatch& signals);

}  // namespace faultline::harness
