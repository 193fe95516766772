// NodeAddresses: the networked templates as each node sees them, and the
// addresses an adapter client is told, from the run's address plan.
#include <catch2/catch.hpp>

#include "harness/runtime/node_addresses.hpp"
#include "harness/scenario/loader.hpp"

using namespace faultline::harness;
using faultline::nemesis::proxy::AddressPlan;

namespace {
NodesSpec three_nodes() {
  const auto s = load_scenario_text(
      "name: t\nnodes:\n  count: 3\n  protocol: tcp\n  command: [x]\n  ports: {client: 7000, peer: 7001}\n"
      "client: {command: [a]}\nworkload: {type: echo}\n",
      "s.yaml");
  return s.nodes;
}
}  // namespace

TEST_CASE("templates are filled as each node sees the network", "[runtime][addresses]") {
  const NodesSpec nodes = three_nodes();
  const AddressPlan plan(nodes.ids, {"c1"});
  const NodeAddresses a(nodes, plan);
  CHECK(a.fill("n2", "{{host}}") == "127.0.1.2");
  CHECK(a.fill("n2", "--listen={{addr.client}}") == "--listen=127.0.1.2:7000");
  // n2 reaches n1 through its own proxy listener; itself directly.
  CHECK(a.fill("n2", "{{peer.n1.peer}}") == "127.2.1.1:7001");
  CHECK(a.fill("n2", "{{peer.n2.peer}}") == "127.0.1.2:7001");
  CHECK(a.fill("n2", "{{peers.peer}}") == "127.2.1.1:7001,127.2.3.1:7001");
  // Other templates are left for the launch plan.
  CHECK(a.fill("n1", "{{node_id}}@{{ addr.peer }}") == "{{node_id}}@127.0.1.1:7001");
}

TEST_CASE("a client is told every node's ports through its own links", "[runtime][addresses]") {
  const NodesSpec nodes = three_nodes();
  const AddressPlan plan(nodes.ids, {"c1", "c2"});
  const NodeAddresses a(nodes, plan);
  const auto c2 = a.reachable_from("c2");  // source 4 (after the three nodes)
  CHECK(c2.at("n1").at("client") == "127.5.1.1:7000");
  CHECK(c2.at("n3").at("peer") == "127.5.3.1:7001");
  CHECK(a.real("n3", "client") == "127.0.1.3:7000");
  CHECK_THROWS(a.reachable_from("c9"));
}
