#include "harness/suite/suite.hpp"

#include <fmt/format.h>
#include <chrono>
#include <ctime>
#include <fstream>
#include <iostream>
#include <mutex>
#include <random>

#include "harness/runtime/json_text.hpp"
#include "harness/scenario/loader.hpp"
#include "harness/store/run_store.hpp"
#include "harness/suite/child_run.hpp"
#include "harness/suite/merge.hpp"
#include "harness/suite/shard.hpp"
#include "harness/suite/suite_outputs.hpp"

namespace faultline::harness {

namespace fs = std::filesystem;

namespace suite {

namespace {

// How long a stopped suite waits for its running children to write their
// results (they only kill their nodes and write files) before killing them.
constexpr auto kStopGrace = std::chrono::seconds(10);

void apply_overrides(SuiteSpec& spec, const SuiteCliOptions& o) {
  if (o.store) spec.store = *o.store;
  if (o.jobs) {
    if (*o.jobs < 1) throw SuiteError("--jobs must be at least 1");
    spec.jobs = *o.jobs;
  }
  if (o.repeats) {
    if (*o.repeats < 1) throw SuiteError("--repeats must be at least 1");
    spec.repeats = *o.repeats;
  }
  if (o.timeout) {
    try {
      spec.timeout_s = parse_duration_s(*o.timeout);
    } catch (const std::invalid_argument& e) {
      throw SuiteError(std::string("--timeout: ") + e.what());
    }
  }
  if (!o.seeds.empty()) spec.seeds = o.seeds;
  if (o.time_limit) spec.time_limit = *o.time_limit;
  spec.sets.insert(spec.sets.end(), o.sets.begin(), o.sets.end());
  if (o.unknown) {
    if (*o.unknown == "skipped")
      spec.unknown = UnknownAs::Skipped;
    else if (*o.unknown == "error")
      spec.unknown = UnknownAs::Error;
    else
      throw SuiteError("--unknown must be 'skipped' or 'error', not '" + *o.unknown + "'");
  }
}

// A --set or --time-limit that does not fit a scenario would crash every run
// of it; find that before anything runs, with the scenario's own error.
void check_overrides(const SuiteSpec& spec) {
  if (spec.sets.empty() && spec.time_limit.empty()) return;
  LoadOptions load;
  load.overrides = spec.sets;
  if (!spec.time_limit.empty()) load.overrides.push_back("time_limit=" + spec.time_limit);
  for (const auto& scenario : spec.scenarios) {
    try {
      load_scenario(scenario, load);
    } catch (const ScenarioError& e) {
      throw SuiteError("with the suite's --set/--time-limit, " + scenario + " does not load:\n" + e.what());
    }
  }
}

std::string line_for(const RunResult& r, std::size_t done, std::size_t total) {
  std::string line = fmt::format("[{}/{}] {:<7} {} seed {} ({:.1f} s)", done, total, verdict_text(r),
                                 r.request.scenario, r.request.seed, r.duration_s);
  const std::string anomalies = anomaly_text(r);
  if (!anomalies.empty()) line += " " + anomalies;
  if (!r.reason.empty() && r.outcome != Outcome::Valid) line += " — " + r.reason;
  return line;
}

}  // namespace

SuiteSpec spec_from_args(const std::vector<std::string>& args) {
  if (args.empty()) throw SuiteError("give a suite file (SUITE.yaml) or scenario files/globs");
  for (const auto& a : args)
    if (looks_like_suite_file(a)) {
      if (args.size() != 1)
        throw SuiteError(a + " is a suite file; run it alone, not mixed with other files");
      return load_suite_file(a);
    }
  return suite_from_scenarios(args);
}

SuiteRun run_suite(SuiteSpec spec, const SuiteCliOptions& options, std::ostream& out, const RunOne& run_one,
                   SuiteStop* stop) {
  SuiteStop own_stop;
  if (!stop) stop = &own_stop;
  // From here to the last summary written a signal stops the suite, not the
  // process: the summaries are what a stopped suite still owes.
  const SuiteSignals signals(*stop, kStopGrace);
  apply_overrides(spec, options);
  check_overrides(spec);
  SuiteRun run;
  const Shard shard = options.shard ? parse_shard(*options.shard) : Shard{};
  run.dir = make_suite_dir(spec.store);
  // Shards of one suite must draw the same random seeds: without a suite
  // seed they all take today's UTC date as theirs.
  const std::uint64_t suite_seed =
      options.suite_seed ? *options.suite_seed
      : shard.count > 0  ? std::stoull(utc_timestamp("%Y%m%d", false))
                         : (std::uint64_t{std::random_device{}()} << 32 | std::random_device{}());
  SuitePlan plan = plan_suite(spec, run.dir, suite_seed);
  keep_shard(plan, shard);
  const std::string started_at = utc_timestamp("%Y-%m-%dT%H:%M:%SZ", false);
  const auto t0 = std::chrono::steady_clock::now();

  out << fmt::format(
             "suite {}{}: {} run{} ({} scenario{}), seeds {}, jobs {}, timeout {:g} s -> {}\n", spec.name,
             shard.count ? fmt::format(" shard {}/{}", shard.index, shard.count) : std::string(),
             plan.runs.size(), plan.runs.size() == 1 ? "" : "s", spec.scenarios.size(),
             spec.scenarios.size() == 1 ? "" : "s",
             plan.random_seeds ? fmt::format("random (suite seed {})", suite_seed) : std::string("fixed"),
             spec.jobs, spec.timeout_s, run.dir.string())
      << std::flush;
  const RunOne runner =
      run_one ? run_one
              : child_runner(options.faultline_binary.empty() ? self_executable() : options.faultline_binary,
                             run.dir, stop);
  run.results = run_plan(
      plan, spec.jobs, runner,
      [&](const RunResult& r, std::size_t done, std::size_t total) {
        out << line_for(r, done, total) << "\n" << std::flush;
      },
      stop);

  Outcome worst = Outcome::Valid;
  for (const auto& r : run.results) worst = worse(worst, counted(r));
  const int stopped_by = stop->signal();
  if (stopped_by) worst = Outcome::Interrupted;
  SuiteRecord record{spec,
                     plan,
                     run.results,
                     started_at,
                     std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(),
                     worst};
  record.shard = shard;
  record.interrupted_by = stopped_by;
  write_suite_outputs(record, run.dir);
  print_failing_and_outcome(out, record, run.dir);
  run.exit_code = suite_exit_code(record);
  return run;
}

}  // namespace suite

int suite_command(const std::vector<std::string>& args_or_files, const SuiteCliOptions& options) {
  try {
    if (!args_or_files.empty() && args_or_files.front() == "merge" && !fs::exists("merge"))
      return suite::merge_suites({args_or_files.begin() + 1, args_or_files.end()},
                                 options.store.value_or("store"), std::cout)
          .exit_code;
    return suite::run_suite(suite::spec_from_args(args_or_files), options, std::cout).exit_code;
  } catch (const suite::SuiteError& e) {
    std::cerr << "faultline suite: " << e.what() << "\n";
    return 254;
  } catch (const std::exception& e) {
    std::cerr << "faultline suite: " << e.what() << "\n";
    return 255;
  }
}

}  // namespace faultline::harness
