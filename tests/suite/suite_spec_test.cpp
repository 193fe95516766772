#include <catch2/catch.hpp>

#include <sstream>

#include "../report/run_fixture.hpp"
#include "harness/scenario/loader.hpp"
#include "harness/suite/suite.hpp"
#include "harness/suite/suite_runner.hpp"
#include "harness/suite/suite_spec.hpp"

using namespace faultline;
using namespace faultline::harness::suite;
namespace fs = std::filesystem;

namespace {

struct SuiteDir {
  test::TempDir tmp;
  SuiteDir() {
    for (const char* s : {"a.yaml", "b.yaml", "c.yaml"})
      test::write_file(tmp.path() / "scenarios" / s, "name: x\n");
  }
  std::string suite(const std::string& text) {
    const fs::path p = tmp.path() / "scenarios" / "suite.yaml";
    test::write_file(p, text);
    return p.string();
  }
};

std::string error_of(const std::string& path) {
  try {
    load_suite_file(path);
  } catch (const SuiteError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("a suite file resolves globs relative to itself and leaves itself out") {
  SuiteDir d;
  const std::string path = d.suite(
      "name: nightly\nscenarios: ['*.yaml']\nexclude: c.yaml\nrepeats: 2\nseeds: [7, 9]\njobs: 3\n"
      "timeout: 2m\nstore: /tmp/x\nunknown: error\n");
  const SuiteSpec spec = load_suite_file(path);
  CHECK(spec.name == "nightly");
  REQUIRE(spec.scenarios.size() == 2);
  CHECK(spec.scenarios[0] == (d.tmp.path() / "scenarios" / "a.yaml").string());
  CHECK(spec.scenarios[1] == (d.tmp.path() / "scenarios" / "b.yaml").string());
  CHECK(spec.repeats == 2);
  CHECK(spec.seeds == std::vector<std::uint64_t>{7, 9});
  CHECK(spec.jobs == 3);
  CHECK(spec.timeout_s == 120);
  CHECK(spec.store == "/tmp/x");
  CHECK(spec.unknown == UnknownAs::Error);
  CHECK(looks_like_suite_file(path));
  CHECK_FALSE(looks_like_suite_file((d.tmp.path() / "scenarios" / "a.yaml").string()));
}

TEST_CASE("a scenarios entry can say which verdict it expects") {
  SuiteDir d;
  const SuiteSpec spec = load_suite_file(
      d.suite("scenarios:\n  - '*.yaml'\n  - {path: b.yaml, expect: invalid}\n  - {path: 'c*.yaml'}\n"));
  const std::string dir = (d.tmp.path() / "scenarios").string();
  REQUIRE(spec.scenarios.size() == 3);  // b.yaml once, though two entries name it
  CHECK(spec.expect == std::map<std::string, std::string>{{dir + "/b.yaml", "invalid"}});
  const SuitePlan plan = plan_suite(spec, "/suite", 1);
  CHECK(plan.runs[0].expect.empty());
  CHECK(plan.runs[1].expect == "invalid");
  CHECK(plan.runs[1].run_args == std::vector<std::string>{"--set", "expect=invalid"});

  CHECK_THAT(error_of(d.suite("scenarios:\n  - {path: a.yaml, expect: broken}\n")),
             Catch::EndsWith("suite.yaml:2:28: 'expect' must be valid, invalid or unknown, not 'broken'"));
  CHECK_THAT(
      error_of(d.suite("scenarios:\n  - {file: a.yaml}\n")),
      Catch::EndsWith("suite.yaml:2:6: unknown key 'file' in a scenarios entry (allowed: path, expect)"));
  CHECK_THAT(
      error_of(d.suite("scenarios:\n  - {expect: invalid}\n")),
      Catch::EndsWith("suite.yaml:2:5: a scenarios entry written as a map needs 'path' (a file or glob)"));
}

TEST_CASE("bad suite files name the file, line and column") {
  SuiteDir d;
  CHECK(error_of(d.suite("scenarios: ['*.yaml']\nrepets: 2\n")) ==
        d.tmp.path().string() +
            "/scenarios/suite.yaml:2:1: unknown key 'repets' (allowed: name, scenarios, exclude, repeats, "
            "seeds, jobs, timeout, store, unknown)");
  CHECK_THAT(
      error_of(d.suite("scenarios: ['*.yaml']\nrepeats: two\n")),
      Catch::EndsWith("suite.yaml:2:10: 'repeats' must be a whole number from 1 to 100000, not 'two'"));
  CHECK_THAT(error_of(d.suite("scenarios:\n  - a.yaml\n  - nothing-*.yaml\n")),
             Catch::Contains("suite.yaml:3:5: 'nothing-*.yaml' matches no file"));
  CHECK_THAT(error_of(d.suite("scenarios: ['*.yaml']\ntimeout: soon\n")),
             Catch::Contains("suite.yaml:2:10: 'timeout': 'soon' is not a duration"));
  CHECK_THAT(error_of(d.suite("scenarios: ['*.yaml']\nseeds: [1, -2]\n")),
             Catch::Contains("suite.yaml:2:12: seed '-2' is not a non-negative whole number"));
  CHECK_THAT(error_of(d.suite("scenarios: ['*.yaml']\nunknown: maybe\n")),
             Catch::Contains("suite.yaml:2:10: 'unknown' must be 'skipped' or 'error'"));
  CHECK_THAT(error_of(d.suite("scenarios: [a.yaml\n")), Catch::Contains("suite.yaml:2:1: "));
  CHECK_THAT(error_of(d.suite("repeats: 2\n")), Catch::Contains("missing 'scenarios'"));
  CHECK_THAT(error_of(d.suite("scenarios: [suite.yaml]\n")), Catch::Contains("no scenarios left to run"));
  CHECK_THAT(error_of((d.tmp.path() / "missing.yaml").string()),
             Catch::Contains("cannot read the suite file"));
}

TEST_CASE("suite_command reports bad input with exit code 254") {
  SuiteDir d;
  CHECK(harness::suite_command({d.suite("scenarios: ['*.yaml']\nrepeats: 0\n")}, {}) == 254);
  CHECK(harness::suite_command({(d.tmp.path() / "none-*.yaml").string()}, {}) == 254);
  CHECK(harness::suite_command({}, {}) == 254);
  harness::SuiteCliOptions bad;
  bad.timeout = "forever";
  bad.store = (d.tmp.path() / "store").string();
  CHECK(harness::suite_command({(d.tmp.path() / "scenarios" / "a.yaml").string()}, bad) == 254);
}

TEST_CASE("a --set that does not fit a scenario stops the suite before any run") {
  test::TempDir tmp;
  const fs::path scenario = tmp.path() / "s.yaml";
  test::write_file(scenario, "name: s\nnodes: {count: 1, command: [x]}\nworkload: {type: echo}\n");
  harness::SuiteCliOptions options;
  options.store = (tmp.path() / "store").string();
  options.sets = {"workload.rat=3"};
  std::ostringstream out;
  try {
    run_suite(spec_from_args({scenario.string()}), options, out, [](const RunRequest&) -> RunResult {
      FAIL("no run may start");
      return {};
    });
    FAIL("expected a SuiteError");
  } catch (const SuiteError& e) {
    CHECK_THAT(e.what(),
               Catch::Contains("s.yaml does not load:\n--set workload.rat=3:1:10: unknown key 'rat' in "
                               "workload (did you mean 'rate'?)"));
  }
  CHECK_FALSE(fs::exists(tmp.path() / "store" / "suites"));
  options.sets.clear();
  options.time_limit = "soon";
  CHECK(harness::suite_command({scenario.string()}, options) == 254);
}

TEST_CASE("durations") {
  CHECK(parse_duration_s("90") == 90);
  CHECK(parse_duration_s("90s") == 90);
  CHECK(parse_duration_s("500ms") == 0.5);
  CHECK(parse_duration_s("10m") == 600);
  CHECK(parse_duration_s("1h") == 3600);
  CHECK_THROWS_AS(parse_duration_s("0s"), std::invalid_argument);
  CHECK_THROWS_AS(parse_duration_s("10 parsecs"), std::invalid_argument);
}

TEST_CASE("the plan: every scenario x seed x repeat, random seeds reproducible from the suite seed") {
  SuiteSpec spec;
  spec.scenarios = {"s/a.yaml", "s/b.yaml"};
  spec.repeats = 2;
  spec.seeds = {5, 6};
  SuitePlan fixed = plan_suite(spec, "/suite", 1);
  REQUIRE(fixed.runs.size() == 8);
  CHECK_FALSE(fixed.random_seeds);
  CHECK(fixed.runs[0].seed == 5);
  CHECK(fixed.runs[1].seed == 6);
  CHECK(fixed.runs[2].seed == 5);
  CHECK(fixed.runs[2].repeat == 2);
  CHECK(fixed.runs[2].run_dir == fs::path("/suite/runs/a/seed-5-r2"));
  CHECK(fixed.runs[4].scenario == "s/b.yaml");
  CHECK(fixed.runs[4].replay() == "faultline run s/b.yaml --seed 5");

  // --time-limit and --set reach every run, and its replay command.
  spec.time_limit = "5s";
  spec.sets = {"workload.rate=20", "nemesis=[]"};
  const SuitePlan overridden = plan_suite(spec, "/suite", 1);
  CHECK(overridden.runs[0].run_args ==
        std::vector<std::string>{"--time-limit", "5s", "--set", "workload.rate=20", "--set", "nemesis=[]"});
  CHECK(overridden.runs[0].replay() ==
        "faultline run s/a.yaml --seed 5 --time-limit 5s --set workload.rate=20 --set 'nemesis=[]'");
  spec.time_limit.clear();
  spec.sets.clear();

  spec.seeds.clear();
  const SuitePlan r1 = plan_suite(spec, "/suite", 42), r2 = plan_suite(spec, "/suite", 42),
                  r3 = plan_suite(spec, "/suite", 43);
  REQUIRE(r1.runs.size() == 4);
  CHECK(r1.random_seeds);
  for (std::size_t i = 0; i < 4; ++i) CHECK(r1.runs[i].seed == r2.runs[i].seed);
  CHECK(r1.runs[0].seed != r1.runs[1].seed);
  CHECK(r1.runs[0].seed != r3.runs[0].seed);
  CHECK(r1.runs[0].seed <= 0xffffffffu);
}

TEST_CASE("scenarios/nightly.yaml runs every other shipped scenario twice") {
  const fs::path dir = fs::path(FAULTLINE_SOURCE_DIR) / "scenarios";
  const SuiteSpec spec = load_suite_file((dir / "nightly.yaml").string());
  CHECK(spec.name == "nightly");
  CHECK(spec.repeats == 2);
  CHECK(spec.seeds.empty());  // random, recorded in the summary
  std::vector<std::string> expected;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".yaml" && e.path().filename() != "nightly.yaml")
      expected.push_back(e.path().string());
  std::sort(expected.begin(), expected.end());
  CHECK(spec.scenarios == expected);
  CHECK_FALSE(expected.empty());
}

TEST_CASE("the nightly suite is green by design: the scenario built to fail expects invalid") {
  const fs::path dir = fs::path(FAULTLINE_SOURCE_DIR) / "scenarios";
  const SuiteSpec spec = load_suite_file((dir / "nightly.yaml").string());
  CHECK(spec.expect.empty());  // the scenarios say it themselves
  std::vector<std::string> expecting_invalid;
  for (const auto& file : spec.scenarios) {
    const auto s = harness::load_scenario(file);
    INFO(file);
    CHECK((s.expect == "valid" || s.expect == "invalid"));
    if (s.expect == "invalid") expecting_invalid.push_back(fs::path(file).filename().string());
  }
  CHECK(std::count(expecting_invalid.begin(), expecting_invalid.end(), "memory-counter.yaml") == 1);
}

TEST_CASE("the suite file example in docs/suites.md loads") {
  const std::string doc = test::read_file(fs::path(FAULTLINE_SOURCE_DIR) / "docs" / "suites.md");
  const auto open = doc.find("```yaml\n");
  REQUIRE(open != std::string::npos);
  const auto body = open + 8;
  const std::string block = doc.substr(body, doc.find("```", body) - body);
  test::TempDir tmp;
  for (const char* s : {"memory-counter.yaml", "queue.yaml", "scratch-1.yaml"})
    test::write_file(tmp.path() / s, "name: x\n");
  test::write_file(tmp.path() / "nightly.yaml", block);
  const SuiteSpec spec = load_suite_file((tmp.path() / "nightly.yaml").string());
  CHECK(spec.name == "nightly");
  CHECK(spec.scenarios.size() == 2);  // nightly.yaml itself and scratch-1.yaml left out
  CHECK(spec.expect.at((tmp.path() / "memory-counter.yaml").string()) == "invalid");
  CHECK(spec.repeats == 2);
  CHECK(spec.timeout_s == 600);
}
