// End to end: a run that starts far fewer ops than its workload.rate asks for
// says so, since the load the system saw is not the one the scenario describes.
#include <catch2/catch.hpp>

#include "faultline_run.hpp"

using faultline::e2e::node_binary;
using faultline::e2e::run_scenario_text;

namespace {

std::string echo_at(const std::string& rate) {
  // One worker and 20 ms each way on its link: at most about 25 ops/s can start.
  return "name: rate\nseed: 4\ntime_limit: 2s\nnodes:\n  count: 1\n  command: [" + node_binary("echo") +
         "]\nnetwork:\n  clients:\n    latency: 20ms\n"
         "workload:\n  type: echo\n  rate: " +
         rate + "\n  concurrency: 1\n  timeout: 1s\n";
}

bool warns_of_rate(const faultline::e2e::Outcome& out) {
  for (const auto& w : out.results.at("warnings").as_array())
    if (std::string(w.as_string()).find("ops/s asked for") != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("a rate the clients cannot reach is a warning in the summary and results", "[e2e][runtime]") {
  const auto slow = run_scenario_text(echo_at("1000"));
  INFO(slow.output);
  REQUIRE(slow.exit_code == 0);
  CHECK(warns_of_rate(slow));
  CHECK(slow.output.find("of the 1000 ops/s asked for (workload.rate)") != std::string::npos);

  const auto fine = run_scenario_text(echo_at("5"));
  INFO(fine.output);
  REQUIRE(fine.exit_code == 0);
  CHECK_FALSE(warns_of_rate(fine));
}
