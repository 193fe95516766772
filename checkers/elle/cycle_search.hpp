#pragma once
// Finds a short cycle of a given shape inside one strongly connected
// component: a start edge of the shape's first label (u -> v), then the
// shortest path back from v to u that the shape allows, by breadth-first
// search over (vertex, small state) pairs. Time vertices cost nothing, so
// "shortest" counts transactions, and a run of them comes back as one
// realtime step.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "checkers/elle/dependency_graph.hpp"

namespace faultline::checkers::elle {

struct Step {
  std::uint32_t from, to;  // transactions
  std::uint8_t label;      // one EdgeLabel
};
using Cycle = std::vector<Step>;  // steps[i].to == steps[i + 1].from, and round

// How anti-dependency (rw) edges may appear after the start edge.
enum class RwRule : std::uint8_t {
  Forbidden,    // none (G0, G1c, G-single)
  Nonadjacent,  // at least one more, never two in a row, nor last (the start is rw): G-nonadjacent
  Adjacent,     // at least one more, and two in a row somewhere: G2-item
};

struct CycleShape {
  std::uint8_t first = kWW;  // the start edge's label
  std::uint8_t rest = kWW;   // labels the path back may use
  std::uint8_t needs = 0;    // the path back must use one of these labels (0: no need)
  RwRule rw = RwRule::Forbidden;
};

class Deadline {
 public:
  explicit Deadline(double seconds)
      : end_(std::chrono::steady_clock::now() +
             std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                 std::chrono::duration<double>(seconds))) {}
  bool passed() const { return std::chrono::steady_clock::now() >= end_; }

 private:
  std::chrono::steady_clock::time_point end_;
};

struct SearchOutcome {
  std::optional<Cycle> cycle;
  bool complete = true;  // false: the start-edge cap or the deadline cut the search short
  std::size_t starts_tried = 0;
};

class CycleSearch {
 public:
  explicit CycleSearch(const DependencyGraph& graph);

  // `component`: graph vertex ids of one strongly connected component of a
  // graph with at least the shape's labels. A cycle the shape allows but
  // `wanted` rejects is passed over, and the search goes on.
  SearchOutcome find(const CycleShape& shape, std::span<const std::uint32_t> component,
                     const Deadline& deadline, std::size_t max_starts,
                     const std::function<bool(const Cycle&)>& wanted);

 private:
  std::optional<Cycle> from_edge(const CycleShape& shape, std::span<const std::uint32_t> component,
                                 std::uint32_t u, std::uint32_t v, const Deadline& deadline, bool& timed_out);

  const DependencyGraph& graph_;
  std::vector<std::uint32_t> local_;  // graph vertex -> position in the current component, or kNone
  std::vector<std::uint32_t> dist_, parent_;
  std::vector<std::uint8_t> parent_label_;
};

}  // namespace faultline::checkers::elle
