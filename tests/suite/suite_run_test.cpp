#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <boost/json.hpp>
#include <chrono>
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

namespace {

SuiteSpec four_scenarios(const fs::path& store) {
  SuiteSpec spec;
  spec.name = "mixed";
  spec.scenarios = {"scenarios/ok.yaml", "scenarios/lossy.yaml", "scenarios/slow.yaml",
                    "scenarios/broken.yaml"};
  spec.seeds = {11, 12};
  spec.jobs = 3;
  spec.store = store.string();
  return spec;
}

// A fake run: the verdict follows the scenario name, like the real runner it
// writes a report.html into its run dir.
RunResult fake_run(const RunRequest& req) {
  RunResult r;
  fs::create_directories(req.run_dir);
  test::write_file(req.run_dir / "report.html", "<html></html>");
  r.duration_s = 1.25;
  r.name = req.scenario_stem + "-name";
  r.report = (fs::path("runs") / req.id() / "report.html").string();
  r.counts["ok"] = 10;
  if (req.scenario_stem == "ok") {
    r.outcome = Outcome::Valid;
    r.counts["stale"] = 485;  // a measure of a valid run, not a failure
  }
  if (req.scenario_stem == "lossy") {
    r.outcome = req.seed == 11 ? Outcome::Invalid : Outcome::Valid;
    if (req.seed == 11) {
      r.reason = "set-full: 3 <acked> elements lost";
      r.counts["lost"] = 3;
    }
  }
  if (req.scenario_stem == "slow") {
    r.outcome = Outcome::Unknown;
    r.reason = "linearizability search gave up";
  }
  if (req.scenario_stem == "broken") {
    if (req.seed == 12) throw std::runtime_error("node binary missing");
    r.outcome = Outcome::Crash;
    r.reason = "node n2 exited early";
  }
  return r;
}

}  // namespace

TEST_CASE("a suite of mixed verdicts: summary, index, JUnit and the worst exit code") {
  test::TempDir tmp;
  std::ostringstream out;
  harness::SuiteCliOptions options;
  const SuiteRun run = run_suite(four_scenarios(tmp.path() / "store"), options, out, fake_run);

  CHECK(run.exit_code == 255);  // a crash is the worst
  CHECK(run.dir.parent_path() == tmp.path() / "store" / "suites");
  CHECK(fs::is_symlink(tmp.path() / "store" / "suites" / "latest"));
  REQUIRE(run.results.size() == 8);
  CHECK(run.results[7].outcome == Outcome::Crash);
  CHECK(run.results[7].reason == "could not run: node binary missing");

  // stdout: a line per run and every failing run with the command that replays it
  const std::string text = out.str();
  CHECK(test::count_of(text, "] ") == 8);
  CHECK(text.find("5 of 8 runs failed; replay each with:") != std::string::npos);
  CHECK(text.find(
            "invalid faultline run scenarios/lossy.yaml --seed 11   # set-full: 3 <acked> elements lost") !=
        std::string::npos);
  CHECK(text.find("faultline run scenarios/lossy.yaml --seed 12") == std::string::npos);
  CHECK(text.find("crash   faultline run scenarios/broken.yaml --seed 12") != std::string::npos);

  // summary.json
  const auto summary = boost::json::parse(test::read_file(run.dir / "summary.json")).as_object();
  CHECK(summary.at("outcome").as_string() == "crash");
  CHECK(summary.at("exit_code").as_int64() == 255);
  CHECK(summary.at("counts").at("valid").as_int64() == 3);
  CHECK(summary.at("counts").at("invalid").as_int64() == 1);
  CHECK(summary.at("counts").at("unknown").as_int64() == 2);
  CHECK(summary.at("counts").at("crash").as_int64() == 2);
  CHECK(summary.at("failing").as_array().size() == 5);
  CHECK(summary.at("seeds").at("kind").as_string() == "fixed");
  CHECK(summary.at("runs").as_array()[2].at("replay").as_string() ==
        "faultline run scenarios/lossy.yaml --seed 11");
  CHECK(summary.at("runs").as_array()[2].at("counts").at("lost").as_int64() == 3);

  // junit.xml parses and has the CI schema
  const auto junit = test::parse_xml(test::read_file(run.dir / "junit.xml"));
  CHECK(junit->name == "testsuites");
  CHECK(junit->attr("name") == "mixed");
  CHECK(junit->attr("tests") == "8");
  CHECK(junit->attr("failures") == "1");
  CHECK(junit->attr("errors") == "2");
  CHECK(junit->attr("skipped") == "2");
  CHECK(junit->attr("time") == "8.750");  // 7 runs of 1.25 s; the one that threw took 0
  const auto suites = junit->all("testsuite");
  REQUIRE(suites.size() == 4);
  CHECK(suites[1]->attr("name") == "lossy-name");
  CHECK(suites[1]->attr("tests") == "2");
  CHECK(suites[1]->attr("failures") == "1");
  const auto cases = suites[1]->all("testcase");
  REQUIRE(cases.size() == 2);
  CHECK(cases[0]->attr("classname") == "faultline.mixed.lossy");
  // Named by scenario and run, stable across nights; the seed is a property.
  CHECK(cases[0]->attr("name") == "lossy #1");
  CHECK(cases[1]->attr("name") == "lossy #2");
  const auto* props = cases[0]->first("properties");
  REQUIRE(props);
  const auto property = props->all("property");
  REQUIRE(property.size() == 2);
  CHECK(property[0]->attr("name") == "seed");
  CHECK(property[0]->attr("value") == "11");
  CHECK(property[1]->attr("name") == "replay");
  CHECK(property[1]->attr("value") == "faultline run scenarios/lossy.yaml --seed 11");
  CHECK(junit->attr("timestamp").size() == 19);
  for (const auto* s : suites) CHECK_THROWS(s->attr("timestamp"));  // not repeated per testsuite
  CHECK(cases[0]->attr("time") == "1.250");
  const auto* failure = cases[0]->first("failure");
  REQUIRE(failure);
  CHECK(failure->attr("message") == "invalid with seed 11: set-full: 3 <acked> elements lost");
  CHECK(failure->text.find("seed: 11\n") != std::string::npos);
  CHECK(failure->text.find("replay: faultline run scenarios/lossy.yaml --seed 11") != std::string::npos);
  CHECK(failure->text.find("anomalies: 3 lost") != std::string::npos);
  CHECK(cases[1]->first("failure") == nullptr);
  CHECK(suites[2]->all("testcase")[0]->first("skipped") != nullptr);
  const auto* error = suites[3]->all("testcase")[0]->first("error");
  REQUIRE(error);
  CHECK(error->attr("type") == "crash");
  CHECK(error->attr("message") == "crash with seed 11: node n2 exited early");

  // index.html: well-formed, a row per run, failing runs with replay commands and report links
  const std::string index = test::read_file(run.dir / "index.html");
  const auto check = test::check_markup(index, true);
  INFO(check.problem);
  CHECK(check.ok);
  CHECK(index.find("class=\"banner crash\"") != std::string::npos);
  CHECK(test::count_of(index, "<td class=\"v ") == 8 + 5);
  CHECK(index.find("<code>faultline run scenarios/lossy.yaml --seed 11</code>") != std::string::npos);
  CHECK(index.find("href=\"runs/lossy/seed-11/report.html\"") != std::string::npos);
  CHECK(index.find("<b>3 lost</b>") != std::string::npos);
  // A passed run's counts are plain, and every word used is explained.
  CHECK(index.find("10 ok · 485 stale</td>") != std::string::npos);
  CHECK(index.find("<b>485 stale</b>") == std::string::npos);
  CHECK(index.find("<dt>stale</dt><dd>values some read missed for a while after their ack") !=
        std::string::npos);
  CHECK(index.find("<dt>lost</dt><dd>acknowledged values missing from the final reads</dd>") !=
        std::string::npos);
}

TEST_CASE("exit code is the worst outcome; unknown can be a JUnit error") {
  test::TempDir tmp;
  auto only = [&](std::vector<std::string> scenarios, harness::SuiteCliOptions options = {}) {
    SuiteSpec spec = four_scenarios(tmp.path() / "store");
    spec.scenarios = std::move(scenarios);
    std::ostringstream out;
    return run_suite(spec, options, out, fake_run);
  };
  CHECK(only({"scenarios/ok.yaml"}).exit_code == 0);
  CHECK(only({"scenarios/ok.yaml", "scenarios/slow.yaml"}).exit_code == 2);
  CHECK(only({"scenarios/slow.yaml", "scenarios/lossy.yaml", "scenarios/ok.yaml"}).exit_code == 1);
  harness::SuiteCliOptions as_error;
  as_error.unknown = "error";
  const SuiteRun run = only({"scenarios/slow.yaml"}, as_error);
  CHECK(run.exit_code == 2);
  const auto junit = test::parse_xml(test::read_file(run.dir / "junit.xml"));
  CHECK(junit->attr("errors") == "2");
  CHECK(junit->attr("skipped") == "0");
}

namespace {

// Scenarios built to catch a bug: `catches` finds it, `misses` does not.
RunResult fake_expecting_run(const RunRequest& req) {
  RunResult r;
  r.expect = "invalid";
  r.outcome = req.scenario_stem == "catches" ? Outcome::Invalid : Outcome::Valid;
  if (r.outcome == Outcome::Invalid) r.reason = "counter: 2 final reads below the acknowledged sum";
  return r;
}

}  // namespace

TEST_CASE("a run expected invalid passes when found invalid and fails when found valid") {
  test::TempDir tmp;
  SuiteSpec spec = four_scenarios(tmp.path() / "store");
  spec.seeds = {5};
  spec.scenarios = {"scenarios/catches.yaml"};
  std::ostringstream out;
  const SuiteRun caught = run_suite(spec, {}, out, fake_expecting_run);
  CHECK(caught.exit_code == 0);
  CHECK(out.str().find("] invalid (as expected) scenarios/catches.yaml seed 5") != std::string::npos);
  CHECK(out.str().find("runs failed") == std::string::npos);
  CHECK(out.str().find("suite mixed: passed -> ") != std::string::npos);
  auto summary = boost::json::parse(test::read_file(caught.dir / "summary.json")).as_object();
  CHECK(summary.at("outcome") == "valid");
  CHECK(summary.at("passed") == true);
  CHECK(summary.at("counts").at("invalid") == 1);
  CHECK(summary.at("counts").at("passed") == 1);
  CHECK(summary.at("failing").as_array().empty());
  CHECK(summary.at("runs").at(0).at("expect") == "invalid");
  CHECK(summary.at("runs").at(0).at("passed") == true);
  auto junit = test::parse_xml(test::read_file(caught.dir / "junit.xml"));
  CHECK(junit->attr("failures") == "0");
  CHECK(junit->all("testsuite").at(0)->all("testcase").at(0)->first("failure") == nullptr);

  spec.scenarios = {"scenarios/catches.yaml", "scenarios/misses.yaml"};
  out.str("");
  const SuiteRun missed = run_suite(spec, {}, out, fake_expecting_run);
  INFO(out.str());
  CHECK(missed.exit_code == 1);
  CHECK(out.str().find("1 of 2 runs failed") != std::string::npos);
  CHECK(out.str().find("  valid (expected invalid) faultline run scenarios/misses.yaml --seed 5") !=
        std::string::npos);
  summary = boost::json::parse(test::read_file(missed.dir / "summary.json")).as_object();
  CHECK(summary.at("counts").at("failed") == 1);
  CHECK(summary.at("failing").at(0).at("scenario") == "scenarios/misses.yaml");
  junit = test::parse_xml(test::read_file(missed.dir / "junit.xml"));
  CHECK(junit->attr("failures") == "1");
  const auto* failure = junit->all("testsuite").at(1)->all("testcase").at(0)->first("failure");
  REQUIRE(failure);
  CHECK(failure->attr("message").rfind("valid (expected invalid) with seed 5: ", 0) == 0);
  const std::string index = test::read_file(missed.dir / "index.html");
  CHECK(index.find("1 passed, 1 failed") != std::string::npos);
  CHECK(index.find(">invalid (as expected)</td>") != std::string::npos);
}

TEST_CASE("random seeds are recorded and the suite seed reproduces them") {
  test::TempDir tmp;
  SuiteSpec spec = four_scenarios(tmp.path() / "store");
  spec.scenarios = {"scenarios/ok.yaml"};
  spec.seeds.clear();
  spec.repeats = 3;
  harness::SuiteCliOptions options;
  options.suite_seed = 99;
  std::ostringstream out;
  const SuiteRun a = run_suite(spec, options, out, fake_run);
  const SuiteRun b = run_suite(spec, options, out, fake_run);
  REQUIRE(a.results.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) CHECK(a.results[i].request.seed == b.results[i].request.seed);
  const auto summary = boost::json::parse(test::read_file(a.dir / "summary.json")).as_object();
  CHECK(summary.at("seeds").at("kind").as_string() == "random");
  CHECK(summary.at("seeds").at("suite_seed").to_number<std::uint64_t>() == 99);
  CHECK(summary.at("runs").as_array()[1].at("seed").to_number<std::uint64_t>() == a.results[1].request.seed);
  CHECK(a.dir != b.dir);
}

namespace {}  // namespace

TEST_CASE("child runs: verdicts from exit codes and results.json, the timeout kills the process group") {
  test::TempDir tmp;
  test::write_file(tmp.path() / "scenarios" / "a.yaml", "name: a\n");
  test::write_file(tmp.path() / "scenarios" / "hang.yaml", "name: hang\n");
  test::write_file(tmp.path() / "scenarios" / "dies.yaml", "name: dies\n");
  const fs::path bin = test::fake_faultline(tmp.path(), R"(
case "$scenario" in
  *hang.yaml) sleep 300 & echo $! > "$rundir/child.pid"; wait ;;
  *dies.yaml) echo "boom: node n1 exited early" >&2; exit 255 ;;
esac
printf '{"valid":false,"verdict":"invalid","expect":"invalid","reason":"lost 2","name":"a-scenario","duration_s":0.5,"ops":{"ok":4,"fail":0,"info":1},"checkers":{"set-full":{"valid":false,"lost":[1,2]}}}' > "$rundir/results.json"
echo "<html></html>" > "$rundir/report.html"
exit 1
)");
  SuiteSpec spec;
  spec.name = "child";
  spec.scenarios = {(tmp.path() / "scenarios" / "a.yaml").string(),
                    (tmp.path() / "scenarios" / "dies.yaml").string(),
                    (tmp.path() / "scenarios" / "hang.yaml").string()};
  spec.seeds = {3};
  spec.jobs = 3;
  spec.timeout_s = 1;
  spec.store = (tmp.path() / "store").string();
  harness::SuiteCliOptions options;
  options.faultline_binary = bin.string();
  std::ostringstream out;
  const auto t0 = std::chrono::steady_clock::now();
  const SuiteRun run = run_suite(spec, options, out, {});
  const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  INFO(out.str());
  REQUIRE(run.results.size() == 3);

  const RunResult& a = run.results[0];
  CHECK(a.outcome == Outcome::Invalid);
  CHECK(a.exit_code == 1);
  CHECK(a.name == "a-scenario");
  CHECK(a.reason == "lost 2");
  CHECK(a.counts.at("lost").as_int64() == 2);
  CHECK(a.counts.at("info").as_int64() == 1);
  CHECK(a.report == "runs/a/seed-3/report.html");
  CHECK(a.expect == "invalid");  // read from results.json
  CHECK(counted(a) == Outcome::Valid);

  const RunResult& dies = run.results[1];
  CHECK(dies.outcome == Outcome::Crash);
  CHECK(dies.exit_code == 255);
  CHECK(dies.output_tail.find("boom: node n1 exited early") != std::string::npos);

  const RunResult& hang = run.results[2];
  CHECK(hang.outcome == Outcome::Crash);
  CHECK(hang.timed_out);
  CHECK(hang.reason.find("timed out after 1 s") != std::string::npos);
  CHECK(took < 20);
  // The grandchild (sleep 300) was in the run's process group and is gone too.
  const std::string pid = test::read_file(hang.request.run_dir / "child.pid");
  REQUIRE_FALSE(pid.empty());
  CHECK(test::gone_within_seconds(pid.substr(0, pid.find('\n')), 5));
  CHECK(run.exit_code == 255);
}
