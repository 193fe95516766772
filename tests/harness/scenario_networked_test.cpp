// tcp/udp nodes in a scenario: ports, readiness, hosts and address
// templates, each mistake an error at its file:line:column.
#include "scenario_test_util.hpp"

using namespace faultline::harness;
using namespace faultline::harness::test;
using namespace std::chrono_literals;

namespace {
std::string tcp_nodes(const std::string& command, const std::string& extra = "") {
  return "name: t\nnodes:\n  count: 3\n  protocol: tcp\n  command: " + command +
         "\n  ports: {client: 7000, peer: 7001, gossip: {port: 7002, proto: udp}}\n" + extra +
         "workload:\n  type: echo\nclient: {command: [a]}\n";
}
}  // namespace

TEST_CASE("tcp nodes load their ports, readiness, hosts and templates", "[scenario][networked]") {
  const auto s = load_scenario_text(
      tcp_nodes("[build/nodes/tcp_counter_broken, --listen, '{{addr.client}}', --peers, '{{peers.peer}}', "
                "--seed, '{{peer.n2.peer}}', --bind, '{{host}}']",
                "  ready: {port: client, timeout: 5s}\n  hosts: true\n  env: {PEER: '{{peer.n1.gossip}}'}\n"),
      "s.yaml");
  CHECK(s.nodes.protocol == "tcp");
  REQUIRE(s.nodes.ports.size() == 3);
  CHECK(s.nodes.ports[0].name == "client");
  CHECK(s.nodes.ports[0].number == 7000);
  CHECK(s.nodes.ports[0].proto == "tcp");
  CHECK(s.nodes.ports[2].proto == "udp");
  REQUIRE(s.nodes.ready);
  CHECK(s.nodes.ready->port == "client");
  CHECK(s.nodes.ready->timeout == 5s);
  CHECK(s.nodes.hosts);
}

TEST_CASE("readiness defaults to a connect to the first tcp port", "[scenario][networked]") {
  const auto s = load_scenario_text(tcp_nodes("[build/nodes/tcp_counter]"), "s.yaml");
  REQUIRE(s.nodes.ready);
  CHECK(s.nodes.ready->port == "client");
  CHECK(s.nodes.ready->timeout == 20s);
}

TEST_CASE("an unknown port or node in a template is an error at its place", "[scenario][networked][errors]") {
  auto e = only_error(tcp_nodes("[x, '{{addr.clinet}}']"));
  CHECK(contains(e, "s.yaml:5:"));
  CHECK(contains(e, "no port 'clinet'"));
  CHECK(contains(e, "did you mean 'client'"));
  e = only_error(tcp_nodes("[x, '{{peer.n9.peer}}']"));
  CHECK(contains(e, "no node 'n9'"));
  e = only_error(tcp_nodes("[x, '{{peers}}']"));
  CHECK(contains(e, "unknown template '{{peers}}'"));
  e = only_error(tcp_nodes("[x]", "  env: {A: '{{peers.raft}}'}\n"));
  CHECK(contains(e, "nodes.env.A"));
  CHECK(contains(e, "no port 'raft'"));
}

TEST_CASE("address templates, ports, ready and hosts need tcp or udp nodes",
          "[scenario][networked][errors]") {
  const std::string base = "name: t\nnodes:\n  count: 2\n  command: [x, '{{addr.client}}']\n";
  CHECK(contains(only_error(base + "workload: {type: echo}\nclient: {command: [a]}\n"),
                 "needs nodes.protocol tcp or udp"));
  CHECK(
      contains_error("name: t\nnodes:\n  count: 2\n  command: [x]\n  ports: {a: 1}\n  hosts: true\n"
                     "workload: {type: echo}\nclient: {command: [a]}\n",
                     {}, "nodes.hosts applies to tcp and udp nodes only"));
}

TEST_CASE("bad ports and readiness are clear errors", "[scenario][networked][errors]") {
  CHECK(contains(only_error("name: t\nnodes:\n  count: 2\n  protocol: tcp\n  command: [x]\nworkload: {type: "
                            "echo}\nclient: {command: [a]}\n"),
                 "needs nodes.ports"));
  CHECK(contains(only_error("name: t\nnodes:\n  count: 2\n  protocol: tcp\n  command: [x]\n"
                            "  ports: {a: 7000, b: 7000}\nworkload: {type: echo}\nclient: {command: [a]}\n"),
                 "tcp port 7000 is already given"));
  CHECK(contains(only_error("name: t\nnodes:\n  count: 2\n  protocol: tcp\n  command: [x]\n"
                            "  ports: {a: 70000}\nworkload: {type: echo}\nclient: {command: [a]}\n"),
                 "nodes.ports.a"));
  CHECK(contains(only_error(tcp_nodes("[x]", "  ready: {port: gossip}\n")), "is a udp port"));
  CHECK(contains(only_error(tcp_nodes("[x]", "  ready: {port: web}\n")), "'web' is not in nodes.ports"));
  CHECK(
      contains(only_error(tcp_nodes("[x]", "  ready: {timeout: 3s}\n")), "exactly one of port and command"));
  CHECK(contains(only_error("name: t\nnodes:\n  count: 2\n  protocol: udp\n  command: [x]\n"
                            "  ports: {g: 7000}\nworkload: {type: echo}\nclient: {command: [a]}\n"),
                 "udp nodes need nodes.ready"));
}

TEST_CASE("a fault kind the nodes' link type cannot carry is an error naming why",
          "[scenario][networked][errors]") {
  const std::string tcp = tcp_nodes("[x]");
  auto e = only_error(tcp + "nemesis:\n  - {at: 1s, for: 1s, fault: {type: loss, probability: 0.1}}\n");
  CHECK(contains(e, "needs message boundaries, which a tcp byte stream does not have"));
  const std::string udp =
      "name: t\nnodes:\n  count: 2\n  protocol: udp\n  command: [x]\n  ports: {g: 7000}\n"
      "  ready: {command: [probe]}\nworkload: {type: echo}\nclient: {command: [a]}\n";
  e = only_error(udp + "nemesis:\n  - {at: 1s, for: 1s, fault: {type: reset}}\n");
  CHECK(contains(e, "a reset fault acts on tcp connections, which the udp plane does not have"));
  CHECK(
      contains(only_error(kBase + "nemesis:\n  - {at: 1s, for: 1s, fault: {type: bandwidth, rate: 1000}}\n"),
               "which the stdio plane does not have"));
}

TEST_CASE("byte-stream faults load with their parameters", "[scenario][networked]") {
  const auto s = load_scenario_text(
      tcp_nodes("[x]") +
          "nemesis:\n"
          "  - {at: 1s, for: 1s, fault: {type: bandwidth, rate: 10000, from: [n1], to: [n2]}}\n"
          "  - {at: 3s, for: 1s, fault: {type: reset, after_bytes: 100}}\n"
          "  - {at: 5s, for: 1s, fault: {type: slice, size: 10, variation: 5, delay: 1ms}}\n"
          "  - {at: 7s, for: 1s, fault: {type: partition, shape: halves, on_heal: reset, refuse: true}}\n",
      "s.yaml");
  REQUIRE(s.nemesis.size() == 4);
  CHECK(s.nemesis[0].fault.stream.rate == 10000);
  CHECK(s.nemesis[1].fault.stream.after_bytes == 100);
  CHECK(s.nemesis[2].fault.stream.slice.average == 10);
  CHECK(s.nemesis[2].fault.stream.slice.variation == 5);
  CHECK(s.nemesis[2].fault.stream.slice.delay == 1ms);
  CHECK(s.nemesis[3].fault.stream.on_heal == faultline::nemesis::OnHeal::Reset);
  CHECK(s.nemesis[3].fault.stream.refuse);
  CHECK(contains(only_error(tcp_nodes("[x]") + "nemesis:\n  - {at: 1s, for: 1s, fault: {type: bandwidth}}\n"),
                 "missing required key 'nemesis[0].fault.rate'"));
}

TEST_CASE("tcp and udp nodes need a client adapter", "[scenario][networked][errors]") {
  const auto e = only_error(
      "name: t\nnodes:\n  count: 2\n  protocol: tcp\n  command: [x]\n  ports: {c: 7000}\nworkload: {type: "
      "echo}\n");
  CHECK(contains(e, "s.yaml:3:3: nodes.protocol tcp needs a client adapter"));
  CHECK(contains(e, "docs/adapters.md"));
}
