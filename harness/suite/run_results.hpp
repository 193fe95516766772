#pragma once
// Fills a suite RunResult from what the run left in its run dir
// (results.json, report.html) and its exit code.
#include <filesystem>

#include "harness/suite/run_outcome.hpp"

namespace faultline::harness::suite {

// `exit_code` -1 means the run was killed before it exited. `suite_dir`
// makes the report link relative so index.html works when the dir moves.
void read_run_results(RunResult& result, int exit_code, const std::filesystem::path& suite_dir);

}  // namespace faultline::harness::suite
