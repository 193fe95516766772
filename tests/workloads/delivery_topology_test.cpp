#include <catch2/catch.hpp>

#include <queue>
#include <set>

#include "workloads/topology.hpp"

using namespace faultline::workloads;
using Nbrs = std::vector<std::string>;

namespace {

std::vector<std::string> nodes(int n) {
  std::vector<std::string> out;
  for (int i = 1; i <= n; ++i) out.push_back("n" + std::to_string(i));
  return out;
}

bool symmetric(const Topology& t) {
  for (const auto& [node, nbrs] : t)
    for (const auto& other : nbrs) {
      if (other == node) return false;
      const auto& back = t.at(other);
      if (std::find(back.begin(), back.end(), node) == back.end()) return false;
    }
  return true;
}

bool connected(const Topology& t) {
  if (t.empty()) return true;
  std::set<std::string> seen{t.begin()->first};
  std::queue<std::string> todo;
  todo.push(t.begin()->first);
  while (!todo.empty()) {
    const auto node = todo.front();
    todo.pop();
    for (const auto& n : t.at(node))
      if (seen.insert(n).second) todo.push(n);
  }
  return seen.size() == t.size();
}

}  // namespace

TEST_CASE("grid of 5 is a 3-wide square, row-major", "[topology]") {
  // n1 n2 n3
  // n4 n5
  const auto t = grid_topology(nodes(5));
  CHECK(t.at("n1") == Nbrs{"n2", "n4"});
  CHECK(t.at("n2") == Nbrs{"n1", "n3", "n5"});
  CHECK(t.at("n3") == Nbrs{"n2"});
  CHECK(t.at("n4") == Nbrs{"n1", "n5"});
  CHECK(t.at("n5") == Nbrs{"n2", "n4"});
  CHECK(symmetric(t));
}

TEST_CASE("grid of 9 gives the centre four neighbours and corners two", "[topology]") {
  const auto t = grid_topology(nodes(9));
  REQUIRE(t.size() == 9);
  CHECK(t.at("n5") == Nbrs{"n2", "n4", "n6", "n8"});
  CHECK(t.at("n3") == Nbrs{"n2", "n6"});  // no wrap to n4
  CHECK(t.at("n7") == Nbrs{"n4", "n8"});
  CHECK(t.at("n9") == Nbrs{"n6", "n8"});
  CHECK(symmetric(t));
  CHECK(connected(t));
}

TEST_CASE("line links previous and next", "[topology]") {
  const auto t = line_topology(nodes(4));
  CHECK(t.at("n1") == Nbrs{"n2"});
  CHECK(t.at("n2") == Nbrs{"n1", "n3"});
  CHECK(t.at("n4") == Nbrs{"n3"});
  CHECK(line_topology(nodes(1)).at("n1").empty());
}

TEST_CASE("tree3 is a ternary tree in node order", "[topology]") {
  const auto t = tree_topology(nodes(13), 3);
  CHECK(t.at("n1") == Nbrs{"n2", "n3", "n4"});
  CHECK(t.at("n2") == Nbrs{"n1", "n5", "n6", "n7"});
  CHECK(t.at("n4") == Nbrs{"n1", "n11", "n12", "n13"});
  CHECK(t.at("n13") == Nbrs{"n4"});
  CHECK(symmetric(t));
  CHECK(connected(t));
  // tree and tree2 are the same binary tree.
  CHECK(make_topology("tree", nodes(7), 3, 1) == make_topology("tree2", nodes(7), 3, 1));
  CHECK(make_topology("tree2", nodes(7), 3, 1).at("n2") == Nbrs{"n1", "n4", "n5"});
}

TEST_CASE("total links every other node", "[topology]") {
  const auto t = total_topology(nodes(4));
  CHECK(t.at("n1") == Nbrs{"n2", "n3", "n4"});
  CHECK(t.at("n3") == Nbrs{"n1", "n2", "n4"});
}

TEST_CASE("random topology is connected, symmetric, of the degree asked, and seeded", "[topology]") {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const auto t = random_topology(nodes(12), 3, seed);
    REQUIRE(t.size() == 12);
    CHECK(symmetric(t));
    CHECK(connected(t));
    for (const auto& [node, nbrs] : t) CHECK(nbrs.size() >= 3);
  }
  CHECK(random_topology(nodes(12), 3, 5) == random_topology(nodes(12), 3, 5));
  CHECK(random_topology(nodes(12), 3, 5) != random_topology(nodes(12), 3, 6));
  // A degree beyond n-1 is capped at the complete graph.
  CHECK(random_topology(nodes(4), 10, 1) == total_topology(nodes(4)));
  // degree 1 still gives a connected graph (the spanning tree).
  CHECK(connected(random_topology(nodes(30), 1, 9)));
}

TEST_CASE("an unknown topology name is a clear error", "[topology]") {
  try {
    make_topology("ring", nodes(3), 3, 1);
    FAIL("no exception");
  } catch (const std::invalid_argument& e) {
    CHECK(std::string(e.what()).find("unknown topology 'ring'") != std::string::npos);
    CHECK(std::string(e.what()).find("tree3") != std::string::npos);
  }
  for (const auto& name : topology_names()) CHECK(make_topology(name, nodes(5), 3, 1).size() == 5);
}
