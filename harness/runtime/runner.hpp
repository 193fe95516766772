#pragma once
// One run of a scenario, phase by phase: spawn, init, setup, main (clients +
// nemesis), heal, quiesce, final, teardown, then the checkers and the files.
#include <boost/json.hpp>
#include <filesystem>
#include <string>

#include "harness/scenario/scenario.hpp"

namespace faultline::harness {

class Sandbox;

struct RunOptions {
  std::filesystem::path store = "store";
  std::filesystem::path run_dir;  // explicit run directory (suites use it)
  std::string replay;             // the command that replays this run
  bool progress = true;           // live progress line / periodic lines
  Sandbox* sandbox = nullptr;     // the run's namespaces: ended (every process killed) at teardown
};

struct RunResult {
  int exit_code = 255;
  std::filesystem::path run_dir;
  boost::json::object results;
};

// Never throws for problems of the system under test or the scenario; those
// come back as exit codes (255 crash, 1 invalid, ...) with the reason.
RunResult run_scenario(const Scenario& scenario, const RunOptions& options);

}  // namespace faultline::harness
