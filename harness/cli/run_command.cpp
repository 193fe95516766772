#include "harness/cli/run_command.hpp"

#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <optional>

#include "harness/cli/shell_quote.hpp"
#include "harness/runtime/launch_plan.hpp"
#include "harness/runtime/runner.hpp"
#include "harness/runtime/sandbox.hpp"
#include "harness/scenario/loader.hpp"
#include "harness/store/run_store.hpp"
#include "nemesis/schedule.hpp"

namespace faultline::harness {

namespace {
constexpr int kBadInput = 254;
constexpr int kCrash = 255;

// The timeline is part of validation: a schedule that cannot be expanded is
// bad input, found before any process starts.
void check_timeline(const Scenario& s) {
  try {
    nemesis::build_timeline(s.nemesis, s.nodes.ids, s.seed, s.time_limit);
  } catch (const std::invalid_argument& e) {
    throw ScenarioError(e.what());
  }
}
// A run would only crash at spawn on a node binary that is not there; say so
// at validate time instead, where the command was written. Templates in
// argv[0] are filled per node, so only literal names are checked.
void check_node_binary(const Scenario& s) {
  if (s.nodes.command.empty()) return;
  const std::string& program = s.nodes.command.front();
  if (program.find("{{") != std::string::npos) return;
  const std::string exe = resolve_executable(program);
  std::error_code ec;
  const bool found =
      !exe.empty() && std::filesystem::is_regular_file(exe, ec) && ::access(exe.c_str(), X_OK) == 0;
  if (found) return;
  const std::string where =
      program.find('/') == std::string::npos
          ? "on PATH"
          : "relative to " + std::filesystem::current_path(ec).string() + " (where faultline runs)";
  const bool exists = !exe.empty() && std::filesystem::exists(exe, ec);
  throw ScenarioError(s.nodes.command_loc.str() + ": node binary '" + program + "' " +
                      (exists ? "is not an executable file " : "not found ") + where + "; " +
                      (program.find('/') == std::string::npos
                           ? "install it, or give its path"
                           : "build it first, or give its path from the directory you run faultline in"));
}
}  // namespace

int run_command(const RunCliOptions& options) {
  LoadOptions load;
  load.overrides = options.sets;
  if (!options.seed.empty()) load.overrides.push_back("seed=" + options.seed);
  if (!options.time_limit.empty()) load.overrides.push_back("time_limit=" + options.time_limit);
  Scenario scenario;
  try {
    scenario = load_scenario(options.scenario, load);
    check_timeline(scenario);
    for (const auto& w : scenario.warnings) std::cerr << w << "\n";  // already "FILE:L:C: warning: ..."
  } catch (const ScenarioError& e) {
    std::cerr << "faultline: bad scenario\n" << e.what() << "\n";
    return kBadInput;
  }
  std::optional<Sandbox> sandbox;
  try {
    sandbox.emplace(Sandbox::enter());
  } catch (const SandboxError& e) {
    std::cerr << "faultline: cannot set up the run's namespaces: " << e.what() << "\n";
    return kCrash;
  }
  if (!sandbox->active()) {
    // Real networked nodes need their own addresses and ports; stdio nodes
    // only lose the guarantee that their own children die with a killed harness.
    if (scenario.nodes.protocol != "maelstrom") {
      std::cerr << "faultline: " << sandbox->problem() << "\n(nodes.protocol " << scenario.nodes.protocol
                << " needs the run's own network namespace)\n";
      return kCrash;
    }
    std::cerr << "warning: " << sandbox->problem()
              << "; running without them: a node's own children can outlive a harness killed by SIGKILL\n";
  }
  RunOptions run;
  run.sandbox = &*sandbox;
  run.store = options.store;
  run.run_dir = options.run_dir;
  run.progress = !options.no_progress;
  run.replay = "faultline run " + shell_quote(options.scenario) + " --seed " + std::to_string(scenario.seed);
  if (!options.time_limit.empty()) run.replay += " --time-limit " + shell_quote(options.time_limit);
  for (const auto& s : options.sets) run.replay += " --set " + shell_quote(s);
  try {
    return run_scenario(scenario, run).exit_code;
  } catch (const RunDirError& e) {
    std::cerr << "faultline: " << e.what() << "\n";
    return kBadInput;
  } catch (const std::exception& e) {
    std::cerr << "faultline: run crashed: " << e.what() << "\n";
    return kCrash;
  }
}

int validate_command(const std::vector<std::string>& scenarios, const std::vector<std::string>& sets) {
  int worst = 0;
  for (const auto& path : scenarios) {
    try {
      LoadOptions load;
      load.overrides = sets;
      const Scenario s = load_scenario(path, load);
      check_timeline(s);
      check_node_binary(s);
      for (const auto& w : s.warnings) std::cerr << w << "\n";  // already "FILE:L:C: warning: ..."
      std::cout << path << ": ok (" << s.nodes.ids.size() << " nodes, workload " << s.workload.type << ", "
                << s.nemesis.size() << " nemesis entries)\n";
    } catch (const ScenarioError& e) {
      std::cerr << e.what() << "\n";
      worst = kBadInput;
    }
  }
  return worst;
}

}  // namespace faultline::harness
