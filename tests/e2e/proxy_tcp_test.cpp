// End to end through the real binary: tcp nodes (nodes/tcp_counter_broken)
// behind the proxy plane, each fault seen in the history, the verdict and
// the proxy's counters, and nothing left running.
#include <catch2/catch.hpp>
#include <csignal>
#include <fstream>
#include <iterator>

#include "proxy_test_util.hpp"

using namespace faultline::e2e;
using namespace faultline::e2e::proxy_test;

namespace {
int errors_containing(const Outcome& o, const std::string& text) {
  int n = 0;
  for (const auto& op : o.history)
    if (op.contains("error") && boost::json::serialize(op.at("error")).find(text) != std::string::npos) ++n;
  return n;
}
}  // namespace

TEST_CASE("tcp nodes that find their peers through templates serve clients through the proxy",
          "[e2e][proxy]") {
  const auto out = run_scenario_text(broken_counter(3, "2s", ""));
  INFO(dump(out));
  REQUIRE(out.exit_code == 0);
  CHECK(out.leftover_pids.empty());
  // Every client op and every peer increment crossed the plane.
  CHECK(counter(out, "clients", "tcp", "connections_opened") >= 3);
  CHECK(counter(out, "clients", "tcp", "bytes") > 0);
  CHECK(counter(out, "servers", "tcp", "connections_opened") >= 6);
  CHECK(counter(out, "servers", "tcp", "bytes") > 0);
  const auto [sum, info] = ok_adds(out);
  REQUIRE(info == 0);
  for (const char* n : {"n1", "n2", "n3"}) CHECK(final_read(out, n) == sum);
  CHECK(warnings_about(out, "touched no traffic") == 0);
  CHECK(out.output.find("proxy node-node: tcp") != std::string::npos);
}

TEST_CASE("with hosts: true every node gets one membership string and reaches its peers by name",
          "[e2e][proxy]") {
  std::string yaml = broken_counter(
      3, "4s",
      "nemesis:\n  - {at: 1s, for: 1.5s, fault: {type: partition, shape: isolate, targets: [n1]}}\n");
  const std::string templated = "--peers, '{{peers.peer}}'";
  yaml.replace(yaml.find(templated), templated.size(),
               "--name, '{{node_id}}', --peers, 'n1:7001,n2:7001,n3:7001'");
  yaml.replace(yaml.find("  ports:"), 0, "  hosts: true\n");
  const auto out = run_scenario_text(yaml);
  INFO(dump(out));
  // Held bytes flow on heal (on_heal: resume, the default): every node ends
  // with every acknowledged add, though n1 was cut off for 1.5 s.
  REQUIRE(out.exit_code == 0);
  CHECK(out.leftover_pids.empty());
  const auto [sum, info] = ok_adds(out);
  REQUIRE(info == 0);
  for (const char* n : {"n1", "n2", "n3"}) CHECK(final_read(out, n) == sum);
  CHECK(counter(out, "servers", "tcp", "holds") > 0);
  CHECK(counter(out, "servers", "tcp", "connections_reset") == 0);
  // n1's own view: itself at its real address, its peers at its proxy links.
  const std::string hosts = read_file(out.run_dir / "hosts" / "n1");
  CHECK(hosts.find("127.0.1.1\tn1\n") != std::string::npos);
  CHECK(hosts.find("127.1.2.1\tn2\n") != std::string::npos);
  CHECK(hosts.find("127.1.3.1\tn3\n") != std::string::npos);
}

TEST_CASE("a one-way partition holds one direction only, and on_heal: reset loses what it held",
          "[e2e][proxy]") {
  const auto out = run_scenario_text(broken_counter(
      2, "4s",
      "nemesis:\n  - {at: 1s, for: 1.5s, fault: {type: partition, shape: one-way, from: [n1], to: [n2], "
      "on_heal: reset}}\n"));
  INFO(dump(out));
  // The broken counter sends each increment once: n1's, held and then reset,
  // never reach n2; n2's flow to n1 all along.
  REQUIRE(out.exit_code == 1);
  CHECK(out.leftover_pids.empty());
  const auto [sum, info] = ok_adds(out);
  REQUIRE(info == 0);
  CHECK(final_read(out, "n1") == sum);
  CHECK(final_read(out, "n2") != sum);
  CHECK(counter(out, "servers", "tcp", "connections_reset") >= 1);
  const auto& counter_check = out.results.at("checkers").at("counter").as_object();
  CHECK(counter_check.at("valid") == false);
  CHECK(counter_check.at("errors-count").to_number<int>() >= 1);
}

TEST_CASE("a reset fault on client links gives the clients ECONNRESET", "[e2e][proxy]") {
  const auto out = run_scenario_text(
      broken_counter(3, "3s", "nemesis:\n  - {at: 1s, for: 1s, fault: {type: reset, clients: true}}\n"));
  INFO(dump(out));
  CHECK(out.leftover_pids.empty());
  CHECK(counter(out, "clients", "tcp", "connections_reset") >= 1);
  CHECK(errors_containing(out, "Connection reset by peer") >= 1);
  CHECK(out.exit_code != 255);
}

TEST_CASE("the same seed gives the same fault timeline", "[e2e][proxy]") {
  const std::string yaml = broken_counter(
      3, "3s", "nemesis:\n  - {every: 0.5s, for: 0.3s, fault: {type: partition, shape: random-halves}}\n",
      11);
  auto timeline = [](const Outcome& o) {
    std::vector<std::string> t;
    for (const auto& op : o.history)
      if (op.at("process") == "nemesis") t.push_back(boost::json::serialize(op.at("value")));
    return t;
  };
  const auto a = run_scenario_text(yaml);
  const auto b = run_scenario_text(yaml);
  INFO(dump(a) + dump(b));
  CHECK(a.leftover_pids.empty());
  CHECK(b.leftover_pids.empty());
  REQUIRE(timeline(a).size() >= 4);
  CHECK(timeline(a) == timeline(b));
}

TEST_CASE("SIGINT and SIGKILL of the harness leave no node and no adapter behind", "[e2e][proxy]") {
  // Late enough for the clients to be running on a loaded machine.
  const auto interrupted = run_scenario_text(broken_counter(3, "30s", ""), {}, 6000, SIGINT);
  INFO(dump(interrupted));
  CHECK(interrupted.leftover_pids.empty());
  CHECK(interrupted.results.at("verdict") == "interrupted");
  const auto killed = run_scenario_text(broken_counter(3, "30s", ""), {}, 6000, SIGKILL);
  INFO(dump(killed));
  CHECK(killed.leftover_pids.empty());
}

TEST_CASE("bandwidth throttles each connection to its rate", "[e2e][proxy]") {
  // One client doing echo round trips of about 25 bytes each way; for 3 s
  // its connection may carry 100 bytes/s per direction.
  std::string yaml = broken_counter(
      1, "5s", "nemesis:\n  - {at: 1s, for: 3s, fault: {type: bandwidth, rate: 100, clients: true}}\n");
  yaml.replace(yaml.find("g-counter"), 9, "echo");
  yaml.replace(yaml.find("checkers: [{type: counter}]"), 27, "checkers: [{type: echo}]");
  const auto out = run_scenario_text(yaml);
  INFO(dump(out));
  REQUIRE(out.exit_code == 0);
  CHECK(out.leftover_pids.empty());
  std::int64_t start = -1, stop = -1;
  for (const auto& op : out.history) {
    if (op.at("f") == "start-bandwidth") start = op.at("time").as_int64();
    if (op.at("f") == "stop-bandwidth") stop = op.at("time").as_int64();
  }
  REQUIRE(start > 0);
  REQUIRE(stop > start);
  int before = 0, during = 0;
  std::size_t bytes = 0;
  for (const auto& op : out.history) {
    if (op.at("type") != "ok" || op.at("process") == "nemesis") continue;
    const std::int64_t t = op.at("time").as_int64();
    if (t < start && t > start - 1'000'000'000) ++before;
    if (t > start && t <= stop) {
      ++during;
      bytes += std::string("echo ").size() + boost::json::serialize(op.at("value")).size() + 1;
    }
  }
  const double seconds = static_cast<double>(stop - start) / 1e9;
  // At most the rate (plus one line in flight); and it is a throttle, not a cut.
  CHECK(static_cast<double>(bytes) <= 100 * seconds + 30);
  CHECK(during >= 2);
  CHECK(before >= 4 * during / seconds);
}
