#pragma once
// The production RunOne: `faultline run <scenario> --seed N --run-dir DIR
// --store STORE` as a child process in its own process group, killed with
// its group when it outlives the per-run timeout or the suite is stopped.
#include <filesystem>
#include <string>

#include "harness/suite/suite_runner.hpp"

namespace faultline::harness::suite {

// `faultline` is the binary to run (normally /proc/self/exe); its output goes
// to <run dir>.log, beside the run dir. A running child hears `stop` (when
// given): the suite's signal is forwarded to it, a kill kills its group.
RunOne child_runner(const std::string& faultline, const std::filesystem::path& suite_dir,
                    SuiteStop* stop = nullptr);

// The path of the running executable (/proc/self/exe resolved).
std::string self_executable();

}  // namespace faultline::harness::suite
