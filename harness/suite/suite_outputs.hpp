#pragma once
// What a finished suite leaves in STORE/suites/<timestamp>/: summary.json for
// tools, index.html for people, junit.xml for CI servers.
#include <boost/json.hpp>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include "harness/suite/run_outcome.hpp"
#include "harness/suite/shard.hpp"
#include "harness/suite/suite_runner.hpp"
#include "harness/suite/suite_spec.hpp"

namespace faultline::harness::suite {

struct SuiteRecord {
  const SuiteSpec& spec;
  const SuitePlan& plan;
  const std::vector<RunResult>& results;
  std::string started_at;  // ISO 8601 UTC
  double duration_s = 0;
  Outcome worst = Outcome::Valid;
  Shard shard;                     // which shard of the plan this is (count 0: all of it)
  std::vector<int> shards_merged;  // a merge: the shard indexes it combined
  int interrupted_by = 0;          // the signal that stopped the suite, 0 if none did
};

// 128 + the signal for a stopped suite, else the worst outcome's code.
int suite_exit_code(const SuiteRecord& record);

// STORE/suites/<timestamp>/ (unique), with STORE/suites/latest pointing at it.
std::filesystem::path make_suite_dir(const std::filesystem::path& store);
// summary.json, index.html and junit.xml into `dir`.
void write_suite_outputs(const SuiteRecord& record, const std::filesystem::path& dir);
// The runs that did not pass, each with its replay command, then the outcome.
void print_failing_and_outcome(std::ostream& out, const SuiteRecord& record,
                               const std::filesystem::path& dir);

boost::json::object summary_json(const SuiteRecord& record);
std::string index_html(const SuiteRecord& record);
// JUnit XML as Jenkins, GitLab and GitHub reporters read it: one testsuite
// per scenario, one testcase per run.
std::string junit_xml(const SuiteRecord& record);

// "3 lost, 1 unexpected" from a run's anomaly counts (ops counts left out).
std::string anomaly_text(const RunResult& r);

}  // namespace faultline::harness::suite
