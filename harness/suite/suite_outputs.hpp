#pragma once
// What a finished suite leaves in STORE/suites/<timestamp>/: summary.json for
// tools, index.html for people, junit.xml for CI servers.
#include <boost/json.hpp>
#include <string>
#include <vector>

#include "harness/suite/run_outcome.hpp"
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
};

boost::json::object summary_json(const SuiteRecord& record);
std::string index_html(const SuiteRecord& record);
// JUnit XML as Jenkins, GitLab and GitHub reporters read it: one testsuite
// per scenario, one testcase per run.
std::string junit_xml(const SuiteRecord& record);

// "3 lost, 1 unexpected" from a run's anomaly counts (ops counts left out).
std::string anomaly_text(const RunResult& r);

}  // namespace faultline::harness::suite
