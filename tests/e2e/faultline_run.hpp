#pragma once
// Runs the real faultline binary on a scenario, the way a user does, and
// collects what it left: exit code, output, results.json, history.
#include <boost/json.hpp>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace faultline::e2e {

struct Outcome {
  int exit_code = -1;
  std::string output;  // stdout + stderr
  std::filesystem::path run_dir;
  boost::json::object results;               // empty if results.json is missing
  std::vector<boost::json::object> history;  // history.jsonl, parsed
  std::vector<int> leftover_pids;            // processes still carrying the run's tag
  std::shared_ptr<void> work_dir;            // removes the run's temp dir with the last copy
};

// Writes `yaml` to a temp scenario file, runs `faultline run` on it from the
// source dir (so scenarios use build/nodes/... paths), waits, then scans /proc
// for any process that inherited the run's unique tag (allowing the kernel
// up to 3 s to finish killing them); `--run-dir DIR` in `extra_args` replaces
// the fresh run dir. `signal_after_ms` > 0 sends `signal` to faultline after
// that long.
Outcome run_scenario_text(const std::string& yaml, const std::vector<std::string>& extra_args = {},
                          int signal_after_ms = 0, int signal = 15 /* SIGTERM */);
Outcome run_scenario_file(const std::string& path, const std::vector<std::string>& extra_args = {});

// Runs `faultline check ARGS` (a shell word list); returns its exit code and
// puts stdout + stderr in `output`.
int run_check(const std::string& args, std::string* output);

// A fresh value for FAULTLINE_TEST_TAG: every process started with it in its
// environment (and everything those start) carries it.
std::string unique_tag();
// The live processes that carry `tag`, after allowing the kernel up to 3 s
// to finish killing them.
std::vector<int> leftover_pids(const std::string& tag);

// The whole file, or "" if it cannot be read.
std::string read_file(const std::filesystem::path& path);

// What a failed check prints (INFO): the exit code, the output and, when the
// run wrote one, results.json.
std::string dump(const Outcome& o);

// results.json's entry for checker `name`.
const boost::json::object& checker(const Outcome& o, const std::string& name);

// Absolute path of a node binary in the build tree.
std::string node_binary(const std::string& name);

}  // namespace faultline::e2e
