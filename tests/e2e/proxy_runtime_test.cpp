// End to end: what the runtime does around tcp nodes: readiness again after
// a restart (the killed node's connections closed), and the warning when a
// run's network faults touched no traffic (any protocol).
#include <catch2/catch.hpp>

#include "proxy_test_util.hpp"

using namespace faultline::e2e;
using namespace faultline::e2e::proxy_test;

TEST_CASE("a killed tcp node's connections close and it is awaited again after its restart", "[e2e][proxy]") {
  const auto out = run_scenario_text(
      broken_counter(3, "4s", "nemesis:\n  - {at: 1s, for: 1s, fault: {type: kill, targets: [n2]}}\n"));
  INFO(dump(out));
  // The broken counter keeps its count in memory: n2 comes back at zero.
  CHECK(out.exit_code == 1);
  CHECK(out.leftover_pids.empty());
  CHECK(counter(out, "clients", "tcp", "connections_closed") +
            counter(out, "servers", "tcp", "connections_closed") >=
        1);
  // n2 served clients again once ready.
  std::int64_t restart_at = -1;
  int ok_after = 0;
  for (const auto& op : out.history) {
    if (op.at("process") == "nemesis" && op.at("f") == "stop-kill") restart_at = op.at("time").as_int64();
    if (restart_at >= 0 && op.at("type") == "ok" && op.at("node") == "n2" &&
        op.at("time").as_int64() > restart_at)
      ++ok_after;
  }
  CHECK(restart_at > 0);
  CHECK(ok_after > 0);
}

TEST_CASE("network faults that touched no traffic are a warning", "[e2e][proxy]") {
  // Echo nodes never talk to each other: a partition between them cuts nothing.
  const auto out = run_scenario_text(
      "name: untouched\nseed: 1\ntime_limit: 2s\nnodes:\n  count: 3\n  command: [" + node_binary("echo") +
      "]\nworkload: {type: echo, rate: 20}\nnemesis:\n"
      "  - {at: 0.5s, for: 1s, fault: {type: partition, shape: halves}}\n");
  INFO(dump(out));
  CHECK(out.exit_code == 0);
  REQUIRE(warnings_about(out, "touched no traffic") == 1);
  CHECK(out.output.find("warning: network faults touched no traffic") != std::string::npos);
  // The same with traffic across the cut: no warning.
  const auto busy = run_scenario_text(broken_counter(
      3, "3s", "nemesis:\n  - {at: 1s, for: 1s, fault: {type: partition, shape: isolate, targets: [n1]}}\n"));
  INFO(dump(busy));
  CHECK(warnings_about(busy, "touched no traffic") == 0);
}
