#pragma once
// `faultline suite SUITE.yaml` or `faultline suite SCENARIO.yaml|GLOB...`:
// runs every scenario x seed as a child `faultline run`, writes summary.json,
// index.html and junit.xml to STORE/suites/<timestamp>/, lists every failing
// run with its replay command, and exits with the worst outcome
// (crash 255 > invalid 1 > unknown 2 > valid 0; 254 for a bad suite).
// Stopped by SIGINT, SIGTERM or SIGHUP, it still writes them (runs marked
// interrupted or not run) and exits 128 + the signal's number.
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "harness/suite/run_outcome.hpp"
#include "harness/suite/suite_runner.hpp"
#include "harness/suite/suite_spec.hpp"

namespace faultline::harness {

// Command-line overrides of the suite file (unset: the file's value or the default).
struct SuiteCliOptions {
  std::optional<std::string> store;
  std::optional<int> jobs;
  std::optional<std::string> timeout;     // duration text, e.g. "10m"
  std::optional<std::string> time_limit;  // every run's --time-limit
  std::vector<std::string> sets;          // every run's --set KEY=VALUE
  std::optional<int> repeats;
  std::vector<std::uint64_t> seeds;         // non-empty: these seeds instead of the suite's
  std::optional<std::string> unknown;       // "skipped" | "error"
  std::optional<std::uint64_t> suite_seed;  // reproduce a random-seed plan
  std::optional<std::string> shard;         // "I/N": only this shard of the plan
  std::string faultline_binary;             // empty: this executable
};

int suite_command(const std::vector<std::string>& args_or_files, const SuiteCliOptions& options);

namespace suite {

struct SuiteRun {
  int exit_code = 0;
  std::filesystem::path dir;  // STORE/suites/<timestamp>/
  std::vector<RunResult> results;
};

// The testable core of suite_command: `run_one` replaces the child process
// when set; `stop` replaces the suite's own (which the signals feed), so a
// test can stop a suite without signalling itself. Throws SuiteError for
// bad overrides.
SuiteRun run_suite(SuiteSpec spec, const SuiteCliOptions& options, std::ostream& out,
                   const RunOne& run_one = {}, SuiteStop* stop = nullptr);

// Spec from the command line: one suite file, or scenario files/globs.
SuiteSpec spec_from_args(const std::vector<std::string>& args_or_files);

}  // namespace suite
}  // namespace faultline::harness
