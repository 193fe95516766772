#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "nemesis/selectors.hpp"

using namespace faultline;
using namespace faultline::nemesis;

namespace {

std::vector<std::string> cluster(int n) {
  std::vector<std::string> out;
  for (int i = 1; i <= n; ++i) out.push_back("n" + std::to_string(i));
  return out;
}

NodeSelector mode(const std::string& m, int count = 1) {
  NodeSelector s;
  s.mode = m;
  s.count = count;
  return s;
}

bool is_subset_in_order(const std::vector<std::string>& picked, const std::vector<std::string>& nodes) {
  std::size_t i = 0;
  for (const auto& p : picked) {
    while (i < nodes.size() && nodes[i] != p) ++i;
    if (i == nodes.size()) return false;
    ++i;
  }
  return true;
}

}  // namespace

TEST_CASE("selector sizes follow Jepsen's node specs", "[selectors]") {
  struct Row {
    int n;
    std::size_t one, minority, majority, third;
  };
  // minority = largest strict minority (>= 1); majority = n/2+1; third = (n-1)/3.
  for (auto row : {Row{3, 1, 1, 2, 0}, Row{5, 1, 2, 3, 1}, Row{7, 1, 3, 4, 2}}) {
    const auto nodes = cluster(row.n);
    auto rng = history::make_rng(42, "test");
    INFO("n = " << row.n);
    for (int draw = 0; draw < 20; ++draw) {
      const auto one = select_nodes(mode("one"), nodes, rng);
      const auto minority = select_nodes(mode("minority"), nodes, rng);
      const auto majority = select_nodes(mode("majority"), nodes, rng);
      const auto third = select_nodes(mode("minority-third"), nodes, rng);
      CHECK(one.size() == row.one);
      CHECK(minority.size() == row.minority);
      CHECK(majority.size() == row.majority);
      CHECK(third.size() == row.third);
      CHECK(2 * minority.size() < nodes.size());
      CHECK(2 * majority.size() > nodes.size());
      for (const auto* picked : {&one, &minority, &majority, &third}) {
        CHECK(is_subset_in_order(*picked, nodes));  // distinct, in cluster order
      }
    }
    CHECK(select_nodes(mode("all"), nodes, rng) == nodes);
    CHECK(select_nodes(mode("random", 2), nodes, rng).size() == 2);
    CHECK(select_nodes(mode("random", 0), nodes, rng).empty());
  }
}

TEST_CASE("random picks vary with the stream and repeat with the seed", "[selectors]") {
  const auto nodes = cluster(7);
  auto draws = [&](std::uint64_t seed) {
    auto rng = history::make_rng(seed, "test");
    std::vector<std::vector<std::string>> out;
    for (int i = 0; i < 10; ++i) out.push_back(select_nodes(mode("majority"), nodes, rng));
    return out;
  };
  CHECK(draws(1) == draws(1));
  CHECK(draws(1) != draws(2));

  // Every node gets picked by "one" eventually: the pick is not biased to the front.
  auto rng = history::make_rng(7, "test");
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) seen.insert(select_nodes(mode("one"), nodes, rng)[0]);
  CHECK(seen.size() == nodes.size());
}

TEST_CASE("list keeps the given order and rejects strangers", "[selectors]") {
  const auto nodes = cluster(5);
  auto rng = history::make_rng(1, "test");
  NodeSelector list = mode("list");
  list.names = {"n4", "n2", "n4"};
  CHECK(select_nodes(list, nodes, rng) == std::vector<std::string>{"n4", "n2"});
  list.names = {"n9"};
  CHECK_THROWS_WITH(select_nodes(list, nodes, rng), Catch::Contains("n9"));
}

TEST_CASE("bad selectors are clear errors", "[selectors]") {
  const auto nodes = cluster(3);
  auto rng = history::make_rng(1, "test");
  CHECK_THROWS_WITH(select_nodes(mode("most"), nodes, rng), Catch::Contains("most"));
  CHECK_THROWS_WITH(select_nodes(mode("random", 4), nodes, rng), Catch::Contains("0..3"));
  CHECK_THROWS_AS(select_nodes(mode("random", -1), nodes, rng), std::invalid_argument);
}

TEST_CASE("link selection", "[selectors]") {
  const auto nodes = cluster(4);
  auto rng = history::make_rng(3, "test");
  using L = std::vector<Link>;

  SECTION("default: every ordered pair, no clients") {
    const auto set = select_links(LinkSelector{}, nodes, rng);
    CHECK(set.links.size() == 12);
    CHECK_FALSE(set.include_clients);
    CHECK(set.client_nodes.empty());
  }
  SECTION("one-way from -> to only") {
    LinkSelector sel;
    NodeSelector from = mode("list"), to = mode("list");
    from.names = {"n1"};
    to.names = {"n2", "n3"};
    sel.from = from;
    sel.to = to;
    sel.direction = "one-way";
    CHECK(select_links(sel, nodes, rng).links == L{{"n1", "n2"}, {"n1", "n3"}});
    sel.direction = "both";
    CHECK(select_links(sel, nodes, rng).links == L{{"n1", "n2"}, {"n1", "n3"}, {"n2", "n1"}, {"n3", "n1"}});
  }
  SECTION("between a set, with clients") {
    LinkSelector sel;
    NodeSelector between = mode("list");
    between.names = {"n2", "n4"};
    sel.between = between;
    sel.clients = true;
    const auto set = select_links(sel, nodes, rng);
    CHECK(set.links == L{{"n2", "n4"}, {"n4", "n2"}});
    CHECK(set.include_clients);
    CHECK(set.client_nodes == std::vector<std::string>{"n2", "n4"});
  }
  SECTION("errors") {
    LinkSelector sel;
    sel.direction = "sideways";
    CHECK_THROWS_WITH(select_links(sel, nodes, rng), Catch::Contains("sideways"));
    sel.direction = "both";
    sel.between = mode("all");
    sel.from = mode("one");
    CHECK_THROWS_WITH(select_links(sel, nodes, rng), Catch::Contains("between"));
  }
}
