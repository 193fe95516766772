// A suite stopped part-way (as SIGINT does) still writes summary.json,
// index.html and junit.xml, marking each run finished, interrupted or not
// run. The real signal, child runs and all, is in tests/e2e/signal_matrix_test.cpp.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <boost/json.hpp>
#include <chrono>
#include <csignal>
#include <sstream>
#include <thread>

#include "../report/html_check.hpp"
#include "../report/run_fixture.hpp"
#include "../report/xml_tree.hpp"
#include "fake_child.hpp"
#include "harness/suite/suite.hpp"

using namespace faultline;
using namespace faultline::harness::suite;
namespace fs = std::filesystem;

TEST_CASE("a stopped suite writes its summaries: finished runs, the interrupted one, the rest not run") {
  test::TempDir tmp;
  SuiteSpec spec;
  spec.name = "stopped";
  spec.scenarios = {"scenarios/a.yaml", "scenarios/b.yaml"};
  spec.seeds = {1, 2};
  spec.jobs = 1;
  spec.store = (tmp.path() / "store").string();
  SuiteStop stop;
  // Run 2 of 4 is where the suite hears ^C: it ends interrupted, as a child
  // run that got the forwarded signal does.
  const RunOne fake = [&](const RunRequest& req) {
    RunResult r;
    r.outcome = Outcome::Valid;
    r.duration_s = 0.5;
    if (req.ordinal == 1) {
      stop.request(SIGINT);
      r.outcome = Outcome::Interrupted;
      r.reason = "interrupted by SIGINT";
    }
    return r;
  };
  std::ostringstream out;
  const SuiteRun run = run_suite(spec, {}, out, fake, &stop);
  INFO(out.str());
  CHECK(run.exit_code == 128 + SIGINT);
  REQUIRE(run.results.size() == 4);
  CHECK(run.results[0].outcome == Outcome::Valid);
  CHECK(run.results[1].outcome == Outcome::Interrupted);
  CHECK(run.results[2].outcome == Outcome::NotRun);
  CHECK(run.results[3].outcome == Outcome::NotRun);
  CHECK(run.results[3].reason == "the suite was interrupted by SIGINT before this run started");
  CHECK(out.str().find("suite interrupted by SIGINT: 1 run finished, 1 interrupted, 2 not run") !=
        std::string::npos);

  const auto summary = boost::json::parse(test::read_file(run.dir / "summary.json")).as_object();
  CHECK(summary.at("interrupted_by") == "SIGINT");
  CHECK(summary.at("exit_code") == 128 + SIGINT);
  CHECK(summary.at("outcome") == "interrupted");
  CHECK(summary.at("passed") == false);
  const auto& counts = summary.at("counts").as_object();
  CHECK(counts.at("valid") == 1);
  CHECK(counts.at("passed") == 1);
  CHECK(counts.at("failed") == 0);
  CHECK(counts.at("interrupted") == 1);
  CHECK(counts.at("not-run") == 2);
  const auto& runs = summary.at("runs").as_array();
  REQUIRE(runs.size() == 4);
  CHECK(runs[1].at("verdict") == "interrupted");
  CHECK(runs[2].at("verdict") == "not-run");
  CHECK(summary.at("failing").as_array().empty());

  const auto junit = test::parse_xml(test::read_file(run.dir / "junit.xml"));
  CHECK(junit->attr("tests") == "4");
  CHECK(junit->attr("skipped") == "3");
  CHECK(junit->attr("failures") == "0");
  CHECK(junit->attr("errors") == "0");
  const auto b_cases = junit->all("testsuite").at(1)->all("testcase");
  const auto* not_run = b_cases.at(0)->first("skipped");
  REQUIRE(not_run != nullptr);
  CHECK(not_run->attr("message") ==
        "not run with seed 1: the suite was interrupted by SIGINT before this run started");
  const auto* interrupted = junit->all("testsuite").at(0)->all("testcase").at(1)->first("skipped");
  REQUIRE(interrupted != nullptr);
  CHECK(interrupted->attr("message") == "interrupted with seed 2: interrupted by SIGINT");

  const std::string html = test::read_file(run.dir / "index.html");
  CHECK(html.find("class=\"banner interrupted\"") != std::string::npos);
  CHECK(html.find("The suite was interrupted by SIGINT</b>: 1 run was interrupted, 2 not run.") !=
        std::string::npos);
  CHECK(html.find("class=\"v not-run\"") != std::string::npos);
  CHECK(test::check_markup(html, true).ok);
}

TEST_CASE("a suite that nobody stops exits with its worst outcome and says nothing of interruptions") {
  test::TempDir tmp;
  SuiteSpec spec;
  spec.name = "plain";
  spec.scenarios = {"scenarios/a.yaml"};
  spec.seeds = {1};
  spec.store = (tmp.path() / "store").string();
  const RunOne fake = [](const RunRequest&) {
    RunResult r;
    r.outcome = Outcome::Valid;
    return r;
  };
  std::ostringstream out;
  const SuiteRun run = run_suite(spec, {}, out, fake);
  CHECK(run.exit_code == 0);
  const auto summary = boost::json::parse(test::read_file(run.dir / "summary.json")).as_object();
  CHECK(summary.at("interrupted_by").is_null());
  CHECK(summary.at("counts").at("not-run") == 0);
  CHECK(out.str().find("interrupted") == std::string::npos);
}

namespace {

// A run that ignores the forwarded signal: only a kill of its group ends it.
fs::path stubborn_faultline(const fs::path& dir) {
  return test::fake_faultline(dir, "trap '' INT\nsleep 300 & echo $! > \"$rundir/child.pid\"; wait; wait\n");
}

}  // namespace

TEST_CASE("a second signal stops waiting for the runs: their groups are killed, the summaries written") {
  test::TempDir tmp;
  test::write_file(tmp.path() / "s.yaml", "name: s\n");
  SuiteSpec spec;
  spec.name = "twice";
  spec.scenarios = {(tmp.path() / "s.yaml").string()};
  spec.seeds = {1, 2, 3};
  spec.jobs = 2;
  spec.store = (tmp.path() / "store").string();
  harness::SuiteCliOptions options;
  options.faultline_binary = stubborn_faultline(tmp.path()).string();
  SuiteStop stop;
  std::thread interrupter([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    stop.request(SIGINT);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    stop.request(SIGINT);
  });
  std::ostringstream out;
  const auto t0 = std::chrono::steady_clock::now();
  const SuiteRun run = run_suite(spec, options, out, {}, &stop);
  interrupter.join();
  const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  INFO(out.str());
  CHECK(took < 5);  // far below the 10 s grace: the second signal ended the wait
  CHECK(run.exit_code == 128 + SIGINT);
  REQUIRE(run.results.size() == 3);
  for (int i : {0, 1}) {
    const RunResult& r = run.results[static_cast<std::size_t>(i)];
    CHECK(r.outcome == Outcome::Interrupted);
    CHECK(r.reason.find("then killed with its process group") != std::string::npos);
    const std::string pid = test::read_file(r.request.run_dir / "child.pid");
    REQUIRE_FALSE(pid.empty());
    CHECK(test::gone_within_seconds(pid.substr(0, pid.find('\n')),
                                    3));  // the run's own child went with its group
  }
  CHECK(run.results[2].outcome == Outcome::NotRun);
  CHECK(fs::exists(run.dir / "summary.json"));
  CHECK(fs::exists(run.dir / "junit.xml"));
  CHECK(fs::exists(run.dir / "index.html"));
}
