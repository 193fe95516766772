#pragma once
// A suite: which scenarios, how often, with which seeds, how many at once,
// how long each may take, and where the results go. From a suite YAML file
// or straight from scenario files/globs on the command line.
//
//   name: nightly
//   scenarios:                     # paths or globs, relative to this file, or
//     - "*.yaml"                   # {path: P, expect: invalid} for scenarios meant to find a bug
//     - {path: memory-counter.yaml, expect: invalid}
//   exclude: [broken-*.yaml]       # optional; the suite file itself is always left out
//   repeats: 2                     # runs per scenario (per seed, with a seed list)
//   seeds: random                  # or a list: [1, 2, 3]; random seeds are recorded
//   jobs: 2                        # runs in parallel
//   timeout: 10m                   # per run; a run over it is killed and counts as a crash
//   store: store                   # relative to the working directory, like --store
//   unknown: skipped               # how JUnit shows unknown verdicts: skipped | error
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace faultline::harness::suite {

// Bad suite input: file:line:column, what is wrong, what is allowed.
class SuiteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class UnknownAs { Skipped, Error };

struct SuiteSpec {
  std::string name = "suite";
  std::string path;                           // the suite file, empty for command-line suites
  std::vector<std::string> scenarios;         // resolved files, relative to cwd, sorted, unique
  std::map<std::string, std::string> expect;  // file -> the verdict its entry expects (else its own)
  std::string time_limit;                     // non-empty: every run's --time-limit
  std::vector<std::string> sets;              // every run's --set KEY=VALUE, in order
  int repeats = 1;
  std::vector<std::uint64_t> seeds;  // empty: random
  int jobs = 1;
  double timeout_s = 600;
  std::string store = "store";
  UnknownAs unknown = UnknownAs::Skipped;
};

// Throws SuiteError.
SuiteSpec load_suite_file(const std::string& path);
// Scenario files or globs (relative to cwd); throws SuiteError when one matches nothing.
SuiteSpec suite_from_scenarios(const std::vector<std::string>& files_or_globs);
// True if `path` is a YAML mapping with a `scenarios` key (a suite, not a scenario).
bool looks_like_suite_file(const std::string& path);

// "90s", "10m", "1h", "500ms", or a bare number of seconds. Throws std::invalid_argument.
double parse_duration_s(const std::string& text);
// Expands one pattern (a path or a glob) relative to `base`; sorted.
std::vector<std::string> expand_pattern(const std::string& base, const std::string& pattern);

}  // namespace faultline::harness::suite
