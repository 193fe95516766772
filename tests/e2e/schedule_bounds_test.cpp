// End to end, issue 9.11: a periodic fault too fine for its run is bad input
// named at its file:line:column, found before any process starts, instead of
// a schedule expanded until the harness runs out of memory.
#include <catch2/catch.hpp>

#include <string>

#include "faultline_run.hpp"

using faultline::e2e::node_binary;
using faultline::e2e::run_scenario_text;

TEST_CASE("every: 1ms over an hour is a validate error naming where, not bad_alloc", "[e2e]") {
  const std::string yaml = "name: e2e\nseed: 7\ntime_limit: 1h\nnodes:\n  count: 3\n  command: [" +
                           node_binary("echo") +
                           "]\nworkload:\n  type: echo\n  rate: 10\n"
                           "nemesis:\n  - {every: 1ms, for: 500us, fault: {type: partition}}\n";
  const auto out = run_scenario_text(yaml);
  INFO("exit " << out.exit_code << "\n" << out.output);
  REQUIRE(out.exit_code == 254);
  CHECK(out.output.find("scenario.yaml:11:5") != std::string::npos);
  CHECK(out.output.find("3,600,000 fault windows") != std::string::npos);
  CHECK(out.output.find("lengthen `every`") != std::string::npos);
  CHECK(out.history.empty());
  CHECK(out.leftover_pids.empty());
}
