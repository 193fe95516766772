#include "checkers/elle/components.hpp"

#include <algorithm>

namespace faultline::checkers::elle {

Components strongly_connected(const DependencyGraph& graph, std::uint8_t labels,
                              std::span<const std::uint32_t> subset) {
  const bool whole = subset.empty();
  const std::uint32_t n = whole ? graph.vertex_count() : static_cast<std::uint32_t>(subset.size());
  // Graph vertex -> local index. For a subset, a sorted copy answers by
  // binary search so small components never touch a graph-sized array.
  std::vector<std::uint32_t> sorted;
  std::vector<std::uint32_t> sorted_pos;
  if (!whole) {
    std::vector<std::uint32_t> order(n);
    for (std::uint32_t i = 0; i < n; ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return subset[a] < subset[b]; });
    sorted.reserve(n);
    sorted_pos.reserve(n);
    for (auto i : order) {
      sorted.push_back(subset[i]);
      sorted_pos.push_back(i);
    }
  }
  auto local = [&](std::uint32_t v) -> std::uint32_t {
    if (whole) return v;
    auto it = std::lower_bound(sorted.begin(), sorted.end(), v);
    return it != sorted.end() && *it == v ? sorted_pos[static_cast<std::size_t>(it - sorted.begin())] : kNone;
  };
  auto global = [&](std::uint32_t i) { return whole ? i : subset[i]; };

  Components out;
  out.of.assign(n, kNone);
  std::vector<std::uint32_t> index(n, kNone), low(n, 0);
  std::vector<bool> on_stack(n, false);
  std::vector<std::uint32_t> stack;
  struct Frame {
    std::uint32_t v;
    std::uint32_t edge;
  };
  std::vector<Frame> frames;
  std::uint32_t next_index = 0, next_comp = 0;
  std::vector<std::uint32_t> members;

  for (std::uint32_t root = 0; root < n; ++root) {
    if (index[root] != kNone) continue;
    frames.push_back({root, 0});
    index[root] = low[root] = next_index++;
    stack.push_back(root);
    on_stack[root] = true;
    while (!frames.empty()) {
      Frame& f = frames.back();
      const std::uint32_t gv = global(f.v);
      const std::uint32_t degree = graph.degree(gv);
      bool descended = false;
      while (f.edge < degree) {
        const Edge e = graph.edge(gv, f.edge++);
        if (!(e.labels & labels)) continue;
        const std::uint32_t w = local(e.to);
        if (w == kNone) continue;
        if (index[w] == kNone) {
          index[w] = low[w] = next_index++;
          stack.push_back(w);
          on_stack[w] = true;
          frames.push_back({w, 0});
          descended = true;
          break;
        }
        if (on_stack[w]) low[f.v] = std::min(low[f.v], index[w]);
      }
      if (descended) continue;
      const std::uint32_t v = f.v;
      frames.pop_back();
      if (!frames.empty()) low[frames.back().v] = std::min(low[frames.back().v], low[v]);
      if (low[v] != index[v]) continue;
      members.clear();
      std::uint32_t txns = 0;
      std::uint32_t w;
      do {
        w = stack.back();
        stack.pop_back();
        on_stack[w] = false;
        out.of[w] = next_comp;
        members.push_back(global(w));
        txns += graph.is_txn(global(w));
      } while (w != v);
      ++next_comp;
      if (txns >= 2) out.cyclic.push_back(members);
    }
  }
  return out;
}

}  // namespace faultline::checkers::elle
