#pragma once
// One suite run: what was asked (scenario, seed, where) and what came of it.
// Outcomes rank crash > invalid > unknown > valid; the suite exits with the
// code of the worst, counting each run by how it met its expected verdict.
// A stopped suite also has runs that were interrupted or never started:
// they have no verdict, and rank above every verdict.
#include <boost/json.hpp>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace faultline::harness::suite {

enum class Outcome { Valid, Unknown, Invalid, Crash, Interrupted, NotRun };  // in rising severity

const char* outcome_name(Outcome o);
int exit_code_of(Outcome o);  // 0, 2, 1, 255 (255 also for interrupted and not run, as `faultline run`)
Outcome worse(Outcome a, Outcome b);
// From a `faultline run` exit code: 0 valid, 1 invalid, 2 unknown, anything
// else (254 bad input, 255 crash, a signal) is a crash of that run.
Outcome outcome_from_exit_code(int code);

struct RunRequest {
  std::size_t ordinal = 0;    // position in the plan, 0-based
  std::string scenario;       // path as the user would type it (relative to cwd)
  std::string scenario_stem;  // file name without .yaml, for ids and dirs
  std::uint64_t seed = 0;
  int repeat = 1;                 // 1-based within (scenario, seed)
  int index = 1;                  // 1-based among the runs of its scenario: stable across nights
  std::filesystem::path run_dir;  // absolute or relative to cwd
  std::filesystem::path store;
  double timeout_s = 600;
  std::string expect;  // the suite entry's expected verdict; empty: the scenario's own `expect`
  // More `faultline run` arguments, the same for every run of the suite:
  // --time-limit, --set (the entry's expect among them).
  std::vector<std::string> run_args;

  std::string replay() const;  // "faultline run <scenario> --seed N [run_args]", shell-quoted
  std::string id() const;      // "<stem>/seed-N[-rK]"
};

struct RunResult {
  RunRequest request;
  Outcome outcome = Outcome::Crash;
  std::string name;    // the scenario's own name from results.json (else the stem)
  std::string reason;  // one line: why invalid / unknown / crashed
  double duration_s = 0;
  int exit_code = -1;  // -1: killed (timeout) or never started
  bool timed_out = false;
  boost::json::object counts;    // ops and anomaly counts worth a column
  std::string report;            // path of report.html relative to the suite dir, or empty
  std::string output_tail;       // last lines of the run's output, for crashes
  std::string expect = "valid";  // the verdict it was meant to get (suite entry, else results.json)
};

// The run's verdict is the one it was meant to get (never true of a crash).
bool as_expected(const RunResult& r);
// The run ended with a verdict or a crash: neither interrupted nor never started.
bool finished(const RunResult& r);
// What the suite counts a run as: Valid (passed) when it met its expectation,
// whatever its verdict; Invalid when a run expected to find a bug came back
// valid; otherwise its own outcome.
Outcome counted(const RunResult& r);
// A suite's word for its worst counted outcome: "passed" when every run met
// its expectation (it may have found bugs it was meant to), else the outcome.
const char* suite_word(Outcome worst);
// "invalid (as expected)", "valid (expected invalid)", or the bare verdict.
std::string verdict_text(const RunResult& r);

}  // namespace faultline::harness::suite
