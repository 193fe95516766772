#include <catch2/catch.hpp>

#include <set>

#include "nemesis/partition_shapes.hpp"

using namespace faultline;
using namespace faultline::nemesis;

namespace partition_shapes_test {

const std::vector<std::string> kNodes = {"n1", "n2", "n3", "n4", "n5"};

// What `node` hears: itself plus every node whose messages it does not drop.
std::set<std::string> view(const Grudge& g, const std::vector<std::string>& nodes, const std::string& node) {
  std::set<std::string> out;
  for (const auto& src : nodes)
    if (!drops(g, src, node)) out.insert(src);
  return out;
}

bool connected(const Grudge& g, const std::string& a, const std::string& b) {
  return !drops(g, a, b) && !drops(g, b, a);
}

bool cut(const Grudge& g, const std::string& a, const std::string& b) {
  return drops(g, a, b) && drops(g, b, a);
}

TEST_CASE("halves splits cluster order, smaller half first", "[shapes]") {
  const auto p = partition_halves(kNodes);
  CHECK(p.description == "halves [n1 n2] | [n3 n4 n5]");
  CHECK(connected(p.grudge, "n1", "n2"));
  CHECK(connected(p.grudge, "n3", "n5"));
  for (auto a : {"n1", "n2"})
    for (auto b : {"n3", "n4", "n5"}) CHECK(cut(p.grudge, a, b));
  CHECK_FALSE(drops(p.grudge, "n1", "n1"));
}

TEST_CASE("random-halves shuffles but keeps the 2|3 shape", "[shapes]") {
  std::set<std::string> descriptions;
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    auto rng = history::make_rng(seed, "test");
    const auto p = partition_random_halves(kNodes, rng);
    descriptions.insert(p.description);
    int two = 0, three = 0;
    for (const auto& n : kNodes) {
      const auto v = view(p.grudge, kNodes, n).size();
      two += v == 2;
      three += v == 3;
    }
    CHECK(two == 2);
    CHECK(three == 3);
  }
  CHECK(descriptions.size() > 1);
}

TEST_CASE("isolate cuts the targets from the rest", "[shapes]") {
  const auto p = partition_isolate({"n3"}, kNodes);
  CHECK(p.description == "isolate n3");
  CHECK(view(p.grudge, kNodes, "n3") == std::set<std::string>{"n3"});
  for (auto n : {"n1", "n2", "n4", "n5"}) {
    CHECK(cut(p.grudge, "n3", n));
    CHECK(view(p.grudge, kNodes, n).size() == 4);
  }
  CHECK_THROWS_AS(partition_isolate(kNodes, kNodes), std::invalid_argument);
  CHECK_THROWS_AS(partition_isolate({}, kNodes), std::invalid_argument);
  CHECK_THROWS_WITH(partition_isolate({"n7"}, kNodes), Catch::Contains("n7"));
}

TEST_CASE("majorities-ring: every node sees a distinct majority", "[shapes]") {
  for (std::size_t n : {3, 4, 5, 6, 7, 9}) {
    std::vector<std::string> nodes;
    for (std::size_t i = 1; i <= n; ++i) nodes.push_back("n" + std::to_string(i));
    for (std::uint64_t seed = 0; seed < 10; ++seed) {
      INFO("n = " << n << ", seed = " << seed);
      auto rng = history::make_rng(seed, "test");
      const auto p = partition_majorities_ring(nodes, rng);
      std::set<std::set<std::string>> views;
      for (const auto& node : nodes) {
        const auto v = view(p.grudge, nodes, node);
        CHECK(v.count(node) == 1);
        CHECK(v.size() == n / 2 + 1);  // exactly a majority, never everyone
        views.insert(v);
      }
      CHECK(views.size() == n);
    }
  }
  std::vector<std::string> two = {"n1", "n2"};
  auto rng = history::make_rng(1, "test");
  CHECK_THROWS_WITH(partition_majorities_ring(two, rng), Catch::Contains("at least 3"));
}

TEST_CASE("majorities-ring for 5 nodes is a symmetric ring", "[shapes]") {
  auto rng = history::make_rng(11, "test");
  const auto p = partition_majorities_ring(kNodes, rng);
  // Each node hears its two ring neighbours, and the ring is symmetric.
  for (const auto& a : kNodes)
    for (const auto& b : kNodes) CHECK(drops(p.grudge, a, b) == drops(p.grudge, b, a));
}

TEST_CASE("bridge: two sides plus one node that hears both", "[shapes]") {
  for (std::uint64_t seed = 0; seed < 10; ++seed) {
    auto rng = history::make_rng(seed, "test");
    const auto p = partition_bridge(kNodes, rng);
    INFO(p.description);
    std::vector<std::string> bridges;
    for (const auto& n : kNodes)
      if (view(p.grudge, kNodes, n).size() == kNodes.size()) bridges.push_back(n);
    REQUIRE(bridges.size() == 1);
    const auto& bridge = bridges[0];
    CHECK(p.description.rfind("bridge " + bridge + " between ", 0) == 0);
    // Everyone else hears exactly its own side (2 nodes) plus the bridge.
    for (const auto& n : kNodes) {
      CHECK(connected(p.grudge, n, bridge));
      if (n != bridge) CHECK(view(p.grudge, kNodes, n).size() == 3);
    }
  }
}

TEST_CASE("one-way drops only from -> to", "[shapes]") {
  const auto p = partition_one_way({"n1"}, {"n2", "n3", "n4", "n5"}, kNodes);
  for (auto n : {"n2", "n3", "n4", "n5"}) {
    CHECK(drops(p.grudge, "n1", n));        // n1's messages are lost
    CHECK_FALSE(drops(p.grudge, n, "n1"));  // n1 still hears everyone
  }
  CHECK(view(p.grudge, kNodes, "n1").size() == 5);
  CHECK_FALSE(drops(p.grudge, "n2", "n3"));
  CHECK(p.description == "one-way [n1] -/-> [n2 n3 n4 n5] (reverse flows)");
  CHECK_THROWS_WITH(partition_one_way({"n1"}, {"n1"}, kNodes), Catch::Contains("cuts no link"));
}

TEST_CASE("groups: unlisted nodes form an implicit group", "[shapes]") {
  const auto p = partition_groups({{"n1", "n2"}, {"n3"}}, kNodes);
  CHECK(p.description == "groups [n1 n2] | [n3] | [n4 n5] (implicit)");
  CHECK(connected(p.grudge, "n1", "n2"));
  CHECK(connected(p.grudge, "n4", "n5"));
  CHECK(cut(p.grudge, "n3", "n1"));
  CHECK(cut(p.grudge, "n3", "n4"));
  CHECK(cut(p.grudge, "n2", "n5"));

  const auto all = partition_groups({{"n1", "n2", "n3"}, {"n4", "n5"}}, kNodes);
  CHECK(all.description == "groups [n1 n2 n3] | [n4 n5]");

  CHECK_THROWS_WITH(partition_groups({{"n1"}, {"n1", "n2"}}, kNodes), Catch::Contains("more than one group"));
  CHECK_THROWS_WITH(partition_groups({kNodes}, kNodes), Catch::Contains("at least two"));
  CHECK_THROWS_WITH(partition_groups({{"x"}}, kNodes), Catch::Contains("'x'"));
  CHECK_THROWS_AS(partition_groups({{}}, kNodes), std::invalid_argument);
}

TEST_CASE("make_partition dispatches and defaults", "[shapes]") {
  auto rng = history::make_rng(5, "test");
  FaultSpec spec;
  spec.kind = "partition";

  spec.shape = "isolate";  // default targets: one random node
  auto p = make_partition(spec, kNodes, rng);
  CHECK(p.description.rfind("isolate n", 0) == 0);
  CHECK(p.grudge.size() == 5);

  spec.shape = "one-way";  // default: one random node cannot reach the rest
  p = make_partition(spec, kNodes, rng);
  CHECK(p.grudge.size() == 4);
  for (const auto& [dst, srcs] : p.grudge) CHECK(srcs.size() == 1);

  spec.shape = "groups";
  spec.groups = {{"n5"}};
  CHECK(make_partition(spec, kNodes, rng).description == "groups [n5] | [n1 n2 n3 n4] (implicit)");

  spec.shape = "triangle";
  CHECK_THROWS_WITH(make_partition(spec, kNodes, rng), Catch::Contains("triangle"));
}

}  // namespace partition_shapes_test
