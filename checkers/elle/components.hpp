#pragma once
// Strongly connected components (Tarjan's algorithm, iterative so a million
// vertices cannot overflow the stack) of a dependency graph restricted to
// some edge labels and, optionally, to a subset of its vertices.
#include <cstdint>
#include <span>
#include <vector>

#include "checkers/elle/dependency_graph.hpp"

namespace faultline::checkers::elle {

struct Components {
  // Component number of each vertex of the subset (by position in it), or of
  // each graph vertex when no subset was given.
  std::vector<std::uint32_t> of;
  // The components that can hold a cycle: two or more transactions. Each
  // lists graph vertex ids (time vertices included).
  std::vector<std::vector<std::uint32_t>> cyclic;
};

// `labels`: the edge labels to follow. `subset`: graph vertex ids to keep
// (edges leaving it are ignored); empty means the whole graph.
Components strongly_connected(const DependencyGraph& graph, std::uint8_t labels,
                              std::span<const std::uint32_t> subset = {});

}  // namespace faultline::checkers::elle
