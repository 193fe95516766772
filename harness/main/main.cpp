// faultline: run fault-injection scenarios against real node processes and
// check what they did.
#include <CLI/CLI.hpp>
#include <iostream>

#include "harness/cli/run_command.hpp"

int main(int argc, char** argv) {
  using namespace faultline::harness;
  CLI::App app{"Faultline: fault-injection testing for distributed systems"};
  app.require_subcommand(1);

  RunCliOptions run;
  auto* run_cmd = app.add_subcommand("run", "Run a scenario and check its history");
  run_cmd->add_option("scenario", run.scenario, "Scenario YAML file")->required();
  run_cmd->add_option("--seed", run.seed, "Seed for every random choice (replays a run)");
  run_cmd->add_option("--time-limit", run.time_limit, "Main phase length, e.g. 30s");
  run_cmd->add_option("--store", run.store, "Store directory (default: store)");
  run_cmd->add_option("--run-dir", run.run_dir, "Exact run directory to write");
  run_cmd->add_option("--set", run.sets, "Override a scenario key: key.path=value")->take_all();
  run_cmd->add_flag("--no-progress", run.no_progress, "No live progress output");

  std::vector<std::string> validate_files, validate_sets;
  auto* validate_cmd = app.add_subcommand("validate", "Check scenario files without running them");
  validate_cmd->add_option("scenarios", validate_files, "Scenario YAML files")->required();
  validate_cmd->add_option("--set", validate_sets, "Override a scenario key: key.path=value");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 254;
  }
  if (*run_cmd) return run_command(run);
  if (*validate_cmd) return validate_command(validate_files, validate_sets);
  return 254;
}
