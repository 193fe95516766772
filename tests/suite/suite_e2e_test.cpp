// The suite with the real `faultline run` as its child: needs the faultline
// binary and the echo node built in the same build dir (ninja faultline nodes/echo).
#include <catch2/catch.hpp>

#include <boost/json.hpp>
#include <sstream>

#include "../report/html_check.hpp"
#include "../report/run_fixture.hpp"
#include "../report/xml_tree.hpp"
#include "harness/suite/suite.hpp"

using namespace faultline;
namespace fs = std::filesystem;

TEST_CASE("suite over a real scenario: child runs, reports, JUnit") {
  const fs::path bin = fs::path(FAULTLINE_BINARY_DIR) / "faultline";
  const fs::path echo = fs::path(FAULTLINE_BINARY_DIR) / "nodes" / "echo";
  INFO("build the binaries first: ninja faultline nodes/echo");
  REQUIRE(fs::exists(bin));
  REQUIRE(fs::exists(echo));
  test::TempDir tmp;
  const fs::path scenario = tmp.path() / "echo.yaml";
  test::write_file(scenario, "name: echo-e2e\nseed: 1\ntime_limit: 1s\nnodes:\n  count: 2\n  command: [" +
                                 echo.string() +
                                 "]\nworkload:\n  type: echo\n  rate: 50\n  timeout: 1s\n  quiesce: 0s\n");
  harness::SuiteCliOptions options;
  options.faultline_binary = bin.string();
  options.seeds = {5, 6};
  options.jobs = 2;
  options.store = (tmp.path() / "store").string();
  options.time_limit = "700ms";
  options.sets = {"workload.rate=40"};
  std::ostringstream out;
  const auto run =
      harness::suite::run_suite(harness::suite::spec_from_args({scenario.string()}), options, out);
  INFO(out.str());
  CHECK(run.exit_code == 0);
  REQUIRE(run.results.size() == 2);
  for (const auto& r : run.results) {
    CHECK(r.outcome == harness::suite::Outcome::Valid);
    CHECK(r.name == "echo-e2e");
    CHECK(r.counts.at("ok").to_number<std::int64_t>() > 10);
    // The suite's --time-limit and --set reached the run.
    const auto results = boost::json::parse(test::read_file(r.request.run_dir / "results.json")).as_object();
    CHECK(results.at("time_limit_s").to_number<double>() == 0.7);
    CHECK(results.at("scenario").at("workload").at("rate") == 40);
    CHECK_THAT(r.request.replay(), Catch::EndsWith(" --time-limit 700ms --set workload.rate=40"));
    REQUIRE_FALSE(r.report.empty());
    const std::string html = test::read_file(run.dir / r.report);
    CHECK(html.find("class=\"banner valid\"") != std::string::npos);
    CHECK(test::check_markup(html, true).ok);
  }
  const auto junit = test::parse_xml(test::read_file(run.dir / "junit.xml"));
  CHECK(junit->attr("tests") == "2");
  CHECK(junit->attr("failures") == "0");
  CHECK(junit->all("testsuite").at(0)->attr("name") == "echo-e2e");
}
