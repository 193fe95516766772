// End to end: nodes written for Maelstrom run unmodified (issue 9.5). A node
// may send under another endpoint's id, as Maelstrom's raft.py does when it
// forwards a client's request to the leader; but init must still be answered
// by the process that was initialised, whatever src it writes.
#include <catch2/catch.hpp>

#include <string>

#include "faultline_run.hpp"

using faultline::e2e::dump;
using faultline::e2e::node_binary;
using faultline::e2e::run_scenario_text;

namespace maelstrom_compat_test {

std::string scenario(const std::string& command, const std::string& extra = "") {
  return "name: e2e\nseed: 7\ntime_limit: 2s\nnodes:\n  count: 3\n  command: [" + command +
         "]\n  init_timeout: 2s\nworkload:\n  type: echo\n  rate: 100\n  concurrency: 2n\n  timeout: 1s\n" +
         extra;
}

TEST_CASE("requests forwarded with the client's src are answered, not dropped", "[e2e]") {
  // n2 and n3 forward every echo to n1 keeping the client's id as src; n1
  // answers the client directly.
  const auto out = run_scenario_text(scenario(node_binary("echo_forward")));
  INFO(dump(out));
  REQUIRE(out.exit_code == 0);
  REQUIRE(out.results.at("valid") == true);
  const auto& ops = out.results.at("ops").as_object();
  CHECK(ops.at("ok").as_int64() > 100);
  CHECK(ops.at("info").as_int64() == 0);  // no timeouts
  CHECK(ops.at("fail").as_int64() == 0);
  CHECK(out.results.at("protocol_errors").at("count").as_int64() == 0);
  // Two thirds of the clients talk to a follower: each of their ops is one
  // forward over a node link.
  const auto& servers = out.results.at("network").at("servers").as_object();
  CHECK(servers.at("forwarded").as_int64() > 50);
  CHECK(servers.at("forwarded") == servers.at("sent"));
  CHECK(out.results.at("network").at("clients").at("forwarded").as_int64() == 0);
  CHECK(out.leftover_pids.empty());
}

TEST_CASE("a forward crosses the forwarding node's link, where its faults apply", "[e2e]") {
  // Every node link drops everything: forwards are lost although the
  // client links, which the src names, are fine. Only n1's clients succeed;
  // each of the four others loses an op per 1 s timeout (and echo calls a
  // failed echo invalid, as Maelstrom does).
  const auto out = run_scenario_text(scenario(node_binary("echo_forward"), "network:\n  loss: 1.0\n"));
  INFO(dump(out));
  REQUIRE(out.exit_code == 1);
  const auto& ops = out.results.at("ops").as_object();
  CHECK(ops.at("ok").as_int64() > 20);
  CHECK(ops.at("fail").as_int64() + ops.at("info").as_int64() >= 4);
  const auto& servers = out.results.at("network").at("servers").as_object();
  CHECK(servers.at("forwarded").as_int64() >= 4);
  CHECK(servers.at("dropped") == servers.at("sent"));
  CHECK(out.leftover_pids.empty());
}

TEST_CASE("init_ok written by another node is refused even when its src is forged", "[e2e]") {
  // n1 answers init for n1, n2 and n3, each answer claiming in src to come
  // from the node it answers for; n2 and n3 stay silent.
  const auto out = run_scenario_text(scenario(node_binary("init_impostor") + ", --forge-src"));
  INFO(dump(out));
  REQUIRE(out.exit_code == 255);
  CHECK(out.output.find("node n2 did not answer init") != std::string::npos);
  CHECK(out.output.find("another node answered in its place") != std::string::npos);
  CHECK(out.leftover_pids.empty());
}

}  // namespace maelstrom_compat_test
