// End to end through the real binary: tcp/udp scenarios that cannot run say
// why (254 when the file is wrong, 255 with the node's log tail when a node
// is), and leave nothing running.
#include <catch2/catch.hpp>
#include <cstdlib>

#include "proxy_test_util.hpp"

using namespace faultline::e2e;
using namespace faultline::e2e::proxy_test;

namespace {
std::string with_command(const std::string& command,
                         const std::string& ready = "{port: client, timeout: 1s}") {
  std::string yaml = broken_counter(2, "2s", "");
  const auto from = yaml.find("  command: [");
  yaml.replace(from, yaml.find('\n', from) - from, "  command: " + command);
  const auto r = yaml.find("  ready: ");
  yaml.replace(r, yaml.find('\n', r) - r, "  ready: " + ready);
  return yaml;
}
bool has(const Outcome& o, const std::string& text) { return o.output.find(text) != std::string::npos; }
}  // namespace

TEST_CASE("a node that never listens on its ready port fails the run with its log tail",
          "[e2e][proxy][errors]") {
  // It listens, but on another port than nodes.ports says.
  const auto out =
      run_scenario_text(with_command("[" + node_binary("tcp_counter") + ", --listen, '{{host}}:7999']"));
  INFO(dump(out));
  CHECK(out.exit_code == 255);
  CHECK(has(out, "not ready within 1s"));
  CHECK(has(out, "127.0.1.1:7000"));
  CHECK(has(out, "listening on 127.0.1.1:7999"));  // the log tail
  CHECK(out.leftover_pids.empty());
}

TEST_CASE("a node that exits at start fails the run with its log tail", "[e2e][proxy][errors]") {
  const auto out =
      run_scenario_text(with_command("[" + node_binary("tcp_counter") + ", --listen, '999.0.0.1:7000']"));
  INFO(dump(out));
  CHECK(out.exit_code == 255);
  CHECK(has(out, "exited early"));
  CHECK(has(out, "cannot resolve '999.0.0.1:7000'"));  // the log tail
  CHECK(out.leftover_pids.empty());
}

TEST_CASE("two nodes told to listen on the same address: the port clash is the second node's early exit",
          "[e2e][proxy][errors]") {
  const auto out = run_scenario_text(with_command(
      "[" + node_binary("tcp_counter") + ", --listen, '127.0.0.1:7000']", "{command: [true], timeout: 2s}"));
  INFO(dump(out));
  CHECK(out.exit_code == 255);
  CHECK(has(out, "exited early"));
  CHECK(has(out, "cannot listen on 127.0.0.1:7000"));
  CHECK(out.leftover_pids.empty());
}

TEST_CASE("bad tcp/udp scenarios are refused before anything starts", "[e2e][proxy][errors]") {
  // An unknown port name in a template, at its file:line:column.
  auto out =
      run_scenario_text(with_command("[" + node_binary("tcp_counter") + ", --listen, '{{addr.clinet}}']"));
  INFO(dump(out));
  CHECK(out.exit_code == 254);
  CHECK(has(out, "scenario.yaml:7:"));
  CHECK(has(out, "no port 'clinet'"));
  // A byte stream cannot lose a message.
  out = run_scenario_text(
      broken_counter(2, "2s", "nemesis:\n  - {at: 1s, for: 1s, fault: {type: loss, probability: 0.5}}\n"));
  CHECK(out.exit_code == 254);
  CHECK(has(out, "a tcp byte stream does not have"));
  // A udp link has no connection to reset.
  std::string udp = broken_counter(2, "2s", "nemesis:\n  - {at: 1s, for: 1s, fault: {type: reset}}\n");
  udp.replace(udp.find("protocol: tcp"), 13, "protocol: udp");
  udp.replace(udp.find("ready: {port: client, timeout: 5s}"), 34, "ready: {command: [true]}");
  out = run_scenario_text(udp);
  CHECK(out.exit_code == 254);
  CHECK(has(out, "which the udp plane does not have"));
  // Without an adapter nothing speaks the nodes' protocol.
  std::string bare = broken_counter(2, "2s", "");
  const auto c = bare.find("client:\n");
  bare.erase(c, bare.find("workload:", c) - c);
  out = run_scenario_text(bare);
  CHECK(out.exit_code == 254);
  CHECK(has(out, "needs a client adapter"));
}

TEST_CASE("without user namespaces a tcp run fails and says what to enable", "[e2e][proxy][errors]") {
  ::setenv("FAULTLINE_SANDBOX", "off", 1);
  const auto out = run_scenario_text(broken_counter(2, "2s", ""));
  ::unsetenv("FAULTLINE_SANDBOX");
  INFO(dump(out));
  CHECK(out.exit_code == 255);
  CHECK(has(out, "needs the run's own network namespace"));
  CHECK(out.leftover_pids.empty());
}
