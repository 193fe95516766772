// `faultline suite --shard I/N` and `faultline suite merge`: the shards of
// a plan cover it exactly once, and merging their directories gives the
// outputs one machine would have written.
#include <catch2/catch.hpp>

#include <boost/json.hpp>
#include <set>
#include <sstream>

#include "../report/html_check.hpp"
#include "../report/run_fixture.hpp"
#include "../report/xml_tree.hpp"
#include "harness/suite/merge.hpp"
#include "harness/suite/shard.hpp"
#include "harness/suite/suite.hpp"

using namespace faultline;
using namespace faultline::harness::suite;
namespace fs = std::filesystem;

namespace shard_merge_test {

SuiteSpec three_scenarios(const fs::path& store) {
  SuiteSpec spec;
  spec.name = "sharded";
  spec.scenarios = {"scenarios/a.yaml", "scenarios/b.yaml", "scenarios/lossy.yaml"};
  spec.repeats = 3;
  spec.store = store.string();
  return spec;
}

// lossy's second run is invalid; everything else valid. Each run writes a report.
RunResult fake_run(const RunRequest& req) {
  RunResult r;
  fs::create_directories(req.run_dir);
  test::write_file(req.run_dir / "report.html", "<html></html>");
  r.report = (fs::path("runs") / req.id() / "report.html").string();
  r.duration_s = 1;
  r.outcome = req.scenario_stem == "lossy" && req.index == 2 ? Outcome::Invalid : Outcome::Valid;
  if (r.outcome == Outcome::Invalid) r.reason = "3 lost";
  return r;
}

TEST_CASE("a shard is given as I/N and parsed strictly") {
  CHECK(parse_shard("2/4").index == 2);
  CHECK(parse_shard("2/4").count == 4);
  CHECK(parse_shard("1/1").count == 1);
  for (const char* bad : {"0/4", "5/4", "2", "2/", "/4", "a/b", "2/4x", "-1/4"})
    CHECK_THROWS_WITH(parse_shard(bad), Catch::Contains("is not I/N"));
}

TEST_CASE("the shards of a plan cover every run exactly once, whatever the machine") {
  SuiteSpec spec = three_scenarios("store");
  const SuitePlan whole = plan_suite(spec, "/s", 7);
  std::multiset<std::size_t> covered;
  for (int i = 1; i <= 4; ++i) {
    SuitePlan part = plan_suite(spec, "/s", 7);
    keep_shard(part, {i, 4});
    for (const auto& r : part.runs) {
      covered.insert(r.ordinal);
      CHECK(r.seed == whole.runs[r.ordinal].seed);  // the same draws as the whole plan
    }
    CHECK(part.runs.size() >= 2);  // 9 runs over 4 shards: 3, 2, 2, 2
  }
  CHECK(covered.size() == whole.runs.size());
  CHECK(std::set<std::size_t>(covered.begin(), covered.end()).size() == whole.runs.size());
}

TEST_CASE("suite merge combines the shards' summaries, JUnit and index") {
  test::TempDir tmp;
  std::vector<std::string> dirs;
  int worst_exit = 0;
  for (int i = 1; i <= 3; ++i) {
    harness::SuiteCliOptions options;
    options.shard = std::to_string(i) + "/3";
    options.store = (tmp.path() / ("shard" + std::to_string(i))).string();
    std::ostringstream out;
    const SuiteRun run = run_suite(three_scenarios(tmp.path()), options, out, fake_run);
    CHECK(out.str().find("suite sharded shard " + std::to_string(i) + "/3: 3 runs") != std::string::npos);
    worst_exit = std::max(worst_exit, run.exit_code);
    dirs.push_back(run.dir.string());
  }
  CHECK(worst_exit == 1);

  std::ostringstream out;
  const SuiteRun merged = merge_suites(dirs, tmp.path() / "merged", out);
  INFO(out.str());
  CHECK(merged.exit_code == 1);
  CHECK(out.str().find("suite sharded: merged 3 of 3 shards (9 runs)") != std::string::npos);
  CHECK(out.str().find("1 of 9 runs failed") != std::string::npos);
  REQUIRE(merged.results.size() == 9);
  for (std::size_t i = 0; i < 9; ++i) CHECK(merged.results[i].request.ordinal == i);  // plan order again

  const auto summary = boost::json::parse(test::read_file(merged.dir / "summary.json")).as_object();
  CHECK(summary.at("counts").at("failed") == 1);
  CHECK(summary.at("shards_merged").as_array().size() == 3);
  CHECK(summary.at("failing").at(0).at("scenario") == "scenarios/lossy.yaml");

  const auto junit = test::parse_xml(test::read_file(merged.dir / "junit.xml"));
  CHECK(junit->attr("tests") == "9");
  CHECK(junit->attr("failures") == "1");
  const auto suites = junit->all("testsuite");
  REQUIRE(suites.size() == 3);
  const auto lossy = suites[2]->all("testcase");
  REQUIRE(lossy.size() == 3);
  CHECK(lossy[1]->attr("name") == "lossy #2");
  CHECK(lossy[1]->first("failure") != nullptr);

  // Report links lead from the merged index into each shard's run dirs.
  const std::string index = test::read_file(merged.dir / "index.html");
  CHECK(test::check_markup(index, true).ok);
  for (const auto& r : merged.results) {
    REQUIRE_FALSE(r.report.empty());
    CHECK(fs::exists(merged.dir / r.report));
    CHECK(index.find("href=\"" + r.report + "\"") != std::string::npos);
  }
}

TEST_CASE("suite merge refuses what is not shards of one suite, and a missing shard is no pass") {
  test::TempDir tmp;
  auto shard_dir = [&](const std::string& shard, const std::string& name) {
    SuiteSpec spec = three_scenarios(tmp.path());
    spec.name = name;
    harness::SuiteCliOptions options;
    if (!shard.empty()) options.shard = shard;
    options.store = (tmp.path() / (name + shard.substr(0, 1))).string();
    std::ostringstream out;
    spec.scenarios = {"scenarios/a.yaml"};
    return run_suite(spec, options, out, fake_run).dir.string();
  };
  const std::string one = shard_dir("1/2", "s"), other = shard_dir("2/2", "t"), whole = shard_dir("", "s");
  std::ostringstream out;
  CHECK_THROWS_WITH(merge_suites({one, other}, tmp.path() / "m", out), Catch::Contains("is from suite 't'"));
  CHECK_THROWS_WITH(merge_suites({one, whole}, tmp.path() / "m", out), Catch::Contains("is not a shard"));
  CHECK_THROWS_WITH(merge_suites({one, one}, tmp.path() / "m", out), Catch::Contains("given twice"));
  CHECK_THROWS_WITH(merge_suites({(tmp.path() / "nothing").string()}, tmp.path() / "m", out),
                    Catch::Contains("no summary.json"));
  const SuiteRun half = merge_suites({one}, tmp.path() / "m", out);
  CHECK(out.str().find("merged 1 of 2 shards (2 runs); missing shards: 2") != std::string::npos);
  CHECK(half.exit_code == 2);  // every run passed, but half the suite is missing
  CHECK(harness::suite_command({"merge", (tmp.path() / "nothing").string()}, {}) == 254);
}

}  // namespace shard_merge_test
