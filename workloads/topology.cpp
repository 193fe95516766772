#include "workloads/topology.hpp"

#include <algorithm>
#include <numeric>
#include <random>
#include <set>
#include <stdexcept>

#include "history/seed.hpp"

namespace faultline::workloads {

namespace {

// Builds from an edge set, so symmetry holds by construction and each list
// comes out in node order whatever order the edges were found in.
class TopologyBuilder {
 public:
  explicit TopologyBuilder(const std::vector<std::string>& nodes) : nodes_(nodes), adjacent_(nodes.size()) {}

  void link(std::size_t a, std::size_t b) {
    if (a == b) return;
    adjacent_[a].insert(b);
    adjacent_[b].insert(a);
  }
  bool linked(std::size_t a, std::size_t b) const { return adjacent_[a].contains(b); }
  std::size_t degree(std::size_t a) const { return adjacent_[a].size(); }

  Topology build() const {
    Topology out;
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      auto& list = out[nodes_[i]];
      for (std::size_t j : adjacent_[i]) list.push_back(nodes_[j]);
    }
    return out;
  }

 private:
  const std::vector<std::string>& nodes_;
  std::vector<std::set<std::size_t>> adjacent_;
};

}  // namespace

const std::vector<std::string>& topology_names() {
  static const std::vector<std::string> names = {"grid",  "line",  "tree",  "tree2",
                                                 "tree3", "tree4", "total", "random"};
  return names;
}

Topology grid_topology(const std::vector<std::string>& nodes) {
  TopologyBuilder b(nodes);
  const std::size_t n = nodes.size();
  std::size_t width = 0;
  while (width * width < n) ++width;  // ceil(sqrt n) without floating point
  for (std::size_t i = 0; i < n; ++i) {
    if ((i + 1) % width != 0 && i + 1 < n) b.link(i, i + 1);  // right, same row
    if (i + width < n) b.link(i, i + width);                  // down
  }
  return b.build();
}

Topology line_topology(const std::vector<std::string>& nodes) {
  TopologyBuilder b(nodes);
  for (std::size_t i = 0; i + 1 < nodes.size(); ++i) b.link(i, i + 1);
  return b.build();
}

Topology tree_topology(const std::vector<std::string>& nodes, int branching) {
  if (branching < 1) throw std::invalid_argument("tree branching must be at least 1");
  TopologyBuilder b(nodes);
  // In node order the tiers are 1, b, b^2, ...: node i's parent is (i-1)/b.
  for (std::size_t i = 1; i < nodes.size(); ++i) b.link(i, (i - 1) / static_cast<std::size_t>(branching));
  return b.build();
}

Topology total_topology(const std::vector<std::string>& nodes) {
  TopologyBuilder b(nodes);
  for (std::size_t i = 0; i < nodes.size(); ++i)
    for (std::size_t j = i + 1; j < nodes.size(); ++j) b.link(i, j);
  return b.build();
}

Topology random_topology(const std::vector<std::string>& nodes, int degree, std::uint64_t seed) {
  TopologyBuilder b(nodes);
  const std::size_t n = nodes.size();
  if (n < 2) return b.build();
  auto rng = history::make_rng(seed, "topology");
  // A random spanning tree first: it is what keeps the graph connected.
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), rng);
  for (std::size_t i = 1; i < n; ++i)
    b.link(order[i], order[std::uniform_int_distribution<std::size_t>(0, i - 1)(rng)]);
  // Then top every node up to the wanted degree with random extra edges.
  const std::size_t want = std::min<std::size_t>(static_cast<std::size_t>(std::max(degree, 1)), n - 1);
  for (std::size_t a : order) {
    std::vector<std::size_t> candidates;
    for (std::size_t c = 0; c < n; ++c)
      if (c != a && !b.linked(a, c)) candidates.push_back(c);
    std::shuffle(candidates.begin(), candidates.end(), rng);
    for (std::size_t k = 0; b.degree(a) < want && k < candidates.size(); ++k) b.link(a, candidates[k]);
  }
  return b.build();
}

Topology make_topology(const std::string& name, const std::vector<std::string>& nodes, int degree,
                       std::uint64_t seed) {
  if (name == "grid") return grid_topology(nodes);
  if (name == "line") return line_topology(nodes);
  if (name == "tree" || name == "tree2") return tree_topology(nodes, 2);
  if (name == "tree3") return tree_topology(nodes, 3);
  if (name == "tree4") return tree_topology(nodes, 4);
  if (name == "total") return total_topology(nodes);
  if (name == "random") return random_topology(nodes, degree, seed);
  std::string known;
  for (const auto& t : topology_names()) known += (known.empty() ? "" : ", ") + t;
  throw std::invalid_argument("unknown topology '" + name + "' (known: " + known + ")");
}

}  // namespace faultline::workloads
