// faultline: run fault-injection scenarios against real node processes and
// check what they did.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <csignal>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "harness/cli/check_command.hpp"
#include "harness/cli/run_command.hpp"
#include "harness/report/report.hpp"
#include "harness/scenario/diagnostics.hpp"
#include "harness/suite/suite.hpp"

namespace {

std::vector<std::string> subcommand_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    names.push_back(sub->get_name());
  return names;
}

// The first word before CLI11 sees it: no word or `help` lists the commands,
// `help run` shows run's options, and a word that names no command is an
// error with the nearest name (CLI11 alone says only "A subcommand is
// required", and would skip a stray word before a real command).
std::optional<int> first_word_exit(CLI::App& app, int argc, char** argv) {
  if (argc < 2) {
    std::cerr << app.help() << "\nfaultline: give a command\n";
    return 254;
  }
  const std::string word = argv[1];
  if (word == "help") {
    if (argc == 2) {
      std::cout << app.help();
      return 0;
    }
    try {
      std::cout << app.get_subcommand(argv[2])->help();
      return 0;
    } catch (const CLI::OptionNotFound&) {
      // An unknown command after help: the same message as without it.
      return first_word_exit(app, argc - 1, argv + 1);
    }
  }
  if (word.empty() || word[0] == '-') return std::nullopt;  // --version, --help, or CLI11's own error
  const auto names = subcommand_names(app);
  if (std::find(names.begin(), names.end(), word) != names.end()) return std::nullopt;
  std::string known;
  for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
  std::cerr << "faultline: '" << word << "' is not a command";
  if (const auto near = faultline::harness::closest_match(word, names); !near.empty())
    std::cerr << "; did you mean '" << near << "'?";
  std::cerr << "\n  commands: " << known << " (faultline help lists them)\n";
  return 254;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace faultline::harness;
  // A reader that quits (`| head`) or a node that dies before reading its
  // first line must not kill the harness: writes fail with EPIPE instead.
  // Nodes get the default back (NodeChildSetup).
  std::signal(SIGPIPE, SIG_IGN);
  CLI::App app{"Faultline: fault-injection testing for distributed systems", "faultline"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("faultline ") + FAULTLINE_VERSION);
  app.footer("Run `faultline help COMMAND` or `faultline COMMAND --help` for a command's options.\n");

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

  CheckCliOptions check;
  auto* check_cmd =
      app.add_subcommand("check", "Check a recorded history (Faultline JSONL, Jepsen EDN or JSON)");
  check_cmd->add_option("file", check.file, "history.jsonl, history.edn, or a JSON array of ops")->required();
  check_cmd->add_option(
      "--checker", check.checker,
      "linearizable (default) | list-append | rw-register | kafka | bank | set-full | counter | "
      "queue | unique-ids | ...");
  check_cmd->add_option("--format", check.format,
                        "History format: auto (default) | jsonl | edn | json | porcupine-kv (EDN with :key; "
                        "model string-kv)");
  check_cmd->add_option("--model", check.model, "linearizable: " + linearizability_model_help());
  check_cmd->add_option("--consistency-model", check.consistency_model,
                        "list-append, rw-register: strict-serializable (default) | serializable | "
                        "snapshot-isolation | repeatable-read | read-committed | ...");
  check_cmd->add_flag("--keyed", check.keyed,
                      "Values are [key value] tuples (Jepsen independent); check each key alone");
  check_cmd->add_option("--option", check.options, "A checker option KEY=VALUE (repeatable), e.g. total=100");
  check_cmd->add_option("--time-budget", check.time_budget_s, "Seconds before the verdict is unknown");
  check_cmd->add_option("--memory-budget-mb", check.memory_budget_mb,
                        "linearizable: memo memory before unknown");
  check_cmd->add_flag("--all-keys", check.all_keys,
                      "linearizable: explain every bad key, not just the first");
  check_cmd->add_option("--html", check.html, "linearizable: write the counterexample view to this file");

  std::string report_dir;
  auto* report_cmd = app.add_subcommand("report", "Regenerate report.html of a run directory");
  report_cmd->add_option("run_dir", report_dir, "Run directory")->required();
  std::string report_messages;
  report_cmd->add_option("--messages", report_messages,
                         "Window of the message diagram (runs with network.trace), e.g. 2s..3.5s");

  std::vector<std::string> suite_args;
  SuiteCliOptions suite;
  std::vector<std::uint64_t> suite_seeds;
  auto* suite_cmd = app.add_subcommand(
      "suite", "Run a suite (SUITE.yaml, or scenario files/globs); `suite merge DIR...` combines shards");
  suite_cmd->add_option("suite", suite_args, "Suite YAML, or scenario files / globs")->required();
  suite_cmd->add_option("--store", suite.store, "Store directory");
  suite_cmd->add_option("--jobs,-j", suite.jobs, "Runs in parallel");
  suite_cmd->add_option("--timeout", suite.timeout, "Per-run timeout, e.g. 10m");
  suite_cmd->add_option("--repeats", suite.repeats, "Runs per scenario");
  // One value per flag, so `--seed 1 SUITE.yaml` leaves the suite to the positional.
  suite_cmd->add_option("--seed", suite_seeds, "Use these seeds (repeatable)")->allow_extra_args(false);
  suite_cmd->add_option("--time-limit", suite.time_limit, "Every run's time_limit, e.g. 5s");
  suite_cmd->add_option("--set", suite.sets, "Every run's --set KEY=VALUE (repeatable)")
      ->allow_extra_args(false);
  suite_cmd->add_option("--unknown", suite.unknown, "Unknown runs in JUnit: skipped | error");
  suite_cmd->add_option("--suite-seed", suite.suite_seed, "Reproduce a random seed plan");
  suite_cmd->add_option("--shard", suite.shard,
                        "Run only shard I of N (I/N); `suite merge DIR...` combines them");

  if (const auto early = first_word_exit(app, argc, argv)) return *early;
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 254;
  }
  if (*run_cmd) return run_command(run);
  if (*validate_cmd) return validate_command(validate_files, validate_sets);
  if (*check_cmd) return check_command(check);
  if (*report_cmd) return report_command(report_dir, report_messages);
  if (*suite_cmd) {
    suite.seeds = suite_seeds;
    return suite_command(suite_args, suite);
  }
  return 254;
}
