#pragma once
// Turns a suite into its list of runs and runs them, `jobs` at a time. How
// one run happens is injected (a child `faultline run` in production, a fake
// in tests), so scheduling, seeds and outcomes are testable without nodes.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <vector>

#include "harness/suite/run_outcome.hpp"
#include "harness/suite/suite_spec.hpp"
#include "harness/suite/suite_stop.hpp"

namespace faultline::harness::suite {

using RunOne = std::function<RunResult(const RunRequest&)>;
using Progress = std::function<void(const RunResult& finished, std::size_t done, std::size_t total)>;

struct SuitePlan {
  std::vector<RunRequest> runs;
  bool random_seeds = false;
  std::uint64_t suite_seed = 0;  // the seed random run seeds derive from (recorded)
};

// Every scenario x seed (x repeat). Random seeds derive from `suite_seed`,
// so the summary can name one number that reproduces the whole plan. Run
// dirs go under suite_dir/runs/.
SuitePlan plan_suite(const SuiteSpec& spec, const std::filesystem::path& suite_dir, std::uint64_t suite_seed);

// Runs the plan; results come back in plan order. An exception from run_one
// becomes a crash of that run, never of the suite. `progress` is called
// under a lock, one finished run at a time. Once `stop` is stopping, no run
// starts: the rest come back as not run.
std::vector<RunResult> run_plan(const SuitePlan& plan, int jobs, const RunOne& run_one,
                                const Progress& progress, const SuiteStop* stop = nullptr);

}  // namespace faultline::harness::suite
