// `expect:` end to end: a scenario built to catch a bug says so in the
// summary line and in results.json, while `faultline run` keeps exiting with
// the verdict's own code (docs/scenarios.md).
#include <catch2/catch.hpp>

#include "faultline_run.hpp"

using faultline::e2e::node_binary;
using faultline::e2e::run_scenario_text;
namespace json = boost::json;

namespace {

// counter_broken counts a duplicated increment twice: with 30% of messages
// duplicated its reads come out too high on any seed.
std::string counter_scenario(const std::string& node, const std::string& expect) {
  return "name: expect-e2e\nseed: 3\nexpect: " + expect +
         "\ntime_limit: 1500ms\nnodes:\n  count: 2\n  command: [" + node_binary(node) +
         "]\nnetwork:\n  duplicate: 30%\nworkload:\n  type: g-counter\n  rate: 60\n  concurrency: 1n\n  "
         "timeout: 500ms\n  quiesce: 300ms\n";
}

}  // namespace

TEST_CASE("a scenario expected invalid that is found invalid says so", "[e2e][expect]") {
  const auto out = run_scenario_text(counter_scenario("counter_broken", "invalid"));
  INFO(out.output);
  CHECK(out.exit_code == 1);  // the verdict's code, as documented
  CHECK(out.output.find("(seed 3) INVALID (as expected)\n") != std::string::npos);
  CHECK(out.results.at("expect") == "invalid");
  CHECK(out.results.at("as_expected") == true);
  CHECK(out.leftover_pids.empty());
}

TEST_CASE("a scenario expected invalid that comes out valid says what was expected", "[e2e][expect]") {
  const auto out = run_scenario_text(counter_scenario("pn_counter", "invalid"));
  INFO(out.output);
  CHECK(out.exit_code == 0);
  CHECK(out.output.find("(seed 3) VALID (expected invalid)\n") != std::string::npos);
  CHECK(out.results.at("expect") == "invalid");
  CHECK(out.results.at("as_expected") == false);
}

TEST_CASE("without expect a run is expected valid and prints no note", "[e2e][expect]") {
  const auto out = run_scenario_text(counter_scenario("pn_counter", "valid"));
  INFO(out.output);
  CHECK(out.exit_code == 0);
  CHECK(out.output.find("(seed 3) VALID\n") != std::string::npos);
  CHECK(out.results.at("expect") == "valid");
  CHECK(out.results.at("as_expected") == true);
}
