#pragma once
// The neighbour maps broadcast sends to its nodes, as Maelstrom builds them,
// plus a seeded random graph. Every topology is symmetric (a neighbour of a
// node has that node as neighbour too), so gossip can flow both ways.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace faultline::workloads {

using Topology = std::map<std::string, std::vector<std::string>>;

// The names the `topology` param accepts: grid, line, tree (= tree2), tree2,
// tree3, tree4, total, random.
const std::vector<std::string>& topology_names();

// grid: row-major in a ceil(sqrt n)-wide square, up/down/left/right.
Topology grid_topology(const std::vector<std::string>& nodes);
// line: previous and next in node order.
Topology line_topology(const std::vector<std::string>& nodes);
// tree: a b-ary tree in node order (tiers 1, b, b^2, ...), parent + children.
Topology tree_topology(const std::vector<std::string>& nodes, int branching);
// total: every other node.
Topology total_topology(const std::vector<std::string>& nodes);
// random: connected, and each node has at least min(degree, n-1) neighbours;
// the same seed gives the same graph.
Topology random_topology(const std::vector<std::string>& nodes, int degree, std::uint64_t seed);

// By name; throws std::invalid_argument for a name not in topology_names().
Topology make_topology(const std::string& name, const std::vector<std::string>& nodes, int degree,
                       std::uint64_t seed);

}  // namespace faultline::workloads
