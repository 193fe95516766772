#include "checkers/elle/cycle_search.hpp"

#include <algorithm>
#include <bit>
#include <deque>

#include "checkers/elle/components.hpp"

namespace faultline::checkers::elle {

namespace {

constexpr std::uint32_t kInf = 0xffffffffu;

// Search state bits: what the path back has done so far.
enum : std::uint8_t {
  kPrevRw = 1,    // its last edge was rw (the start edge counts)
  kRwSeen = 2,    // it used an rw edge
  kAdjacent = 4,  // it used two rw edges in a row
  kNeedMet = 8,   // it used a label the shape needs
};

struct StateSpace {
  std::uint8_t used = 0;
  std::uint8_t index[16] = {};
  std::uint32_t size = 1;

  explicit StateSpace(const CycleShape& shape) {
    if (shape.rw != RwRule::Forbidden || shape.first == kRW) used |= kPrevRw;
    if (shape.rw != RwRule::Forbidden) used |= kRwSeen;
    if (shape.rw == RwRule::Adjacent) used |= kAdjacent;
    if (shape.needs) used |= kNeedMet;
    size = 1u << std::popcount(used);
    for (unsigned s = 0; s < 16; ++s) {
      unsigned out = 0, bit = 0;
      for (unsigned b = 1; b < 16; b <<= 1)
        if (used & b) out |= (s & b ? 1u : 0u) << bit++;
      index[s] = static_cast<std::uint8_t>(out);
    }
  }
};

// The state after taking an edge of `label`, or nullopt if the shape forbids it.
std::optional<std::uint8_t> step(const CycleShape& shape, std::uint8_t s, std::uint8_t label) {
  if (label == kRW) {
    if (shape.rw == RwRule::Forbidden) return std::nullopt;
    if (shape.rw == RwRule::Nonadjacent && (s & kPrevRw)) return std::nullopt;
    s = static_cast<std::uint8_t>(s | kRwSeen | ((s & kPrevRw) ? kAdjacent : 0) | kPrevRw);
  } else {
    s = static_cast<std::uint8_t>(s & ~kPrevRw);
  }
  if (label & shape.needs) s |= kNeedMet;
  return s;
}

bool accepts(const CycleShape& shape, std::uint8_t s) {
  if (shape.needs && !(s & kNeedMet)) return false;
  switch (shape.rw) {
    case RwRule::Forbidden:
      return true;
    case RwRule::Nonadjacent:
      return (s & kRwSeen) && !(s & kPrevRw);
    case RwRule::Adjacent:
      return (s & kRwSeen) && ((s & kAdjacent) || (s & kPrevRw));
  }
  return false;
}

}  // namespace

CycleSearch::CycleSearch(const DependencyGraph& graph) : graph_(graph) {}

SearchOutcome CycleSearch::find(const CycleShape& shape, std::span<const std::uint32_t> component,
                                const Deadline& deadline, std::size_t max_starts,
                                const std::function<bool(const Cycle&)>& wanted) {
  if (local_.size() != graph_.vertex_count()) local_.assign(graph_.vertex_count(), kNone);
  for (std::uint32_t i = 0; i < component.size(); ++i) local_[component[i]] = i;
  struct Reset {
    std::vector<std::uint32_t>& local;
    std::span<const std::uint32_t> component;
    ~Reset() {
      for (auto v : component) local[v] = kNone;
    }
  } reset{local_, component};

  // Components of the path-back graph (Tarjan numbers them sinks first): v
  // can only get back to u if v's number is at least u's. Start edges inside
  // one component surely close a cycle, so they go first; the others only
  // when the start edge is not itself a path-back label.
  const Components back = strongly_connected(graph_, shape.rest, component);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> same, later;
  for (std::uint32_t u : component) {
    if (!graph_.is_txn(u)) continue;
    for (std::uint32_t i = 0, degree = graph_.degree(u); i < degree; ++i) {
      const Edge e = graph_.edge(u, i);
      if (!(e.labels & shape.first)) continue;
      const std::uint32_t v = e.to;
      if (local_[v] == kNone) continue;
      const auto cu = back.of[local_[u]], cv = back.of[local_[v]];
      if (cu == cv)
        same.emplace_back(u, v);
      else if (cv > cu && !(shape.first & shape.rest))
        later.emplace_back(u, v);
    }
  }

  SearchOutcome out;
  for (const auto* list : {&same, &later}) {
    for (const auto& [u, v] : *list) {
      if (out.starts_tried >= max_starts || deadline.passed()) {
        out.complete = false;
        return out;
      }
      ++out.starts_tried;
      bool timed_out = false;
      out.cycle = from_edge(shape, component, u, v, deadline, timed_out);
      if (out.cycle && wanted(*out.cycle)) return out;
      out.cycle.reset();
      if (timed_out) {
        out.complete = false;
        return out;
      }
    }
  }
  return out;
}

std::optional<Cycle> CycleSearch::from_edge(const CycleShape& shape, std::span<const std::uint32_t> component,
                                            std::uint32_t u, std::uint32_t v, const Deadline& deadline,
                                            bool& timed_out) {
  const StateSpace states(shape);
  const std::size_t cells = component.size() * states.size;
  dist_.assign(cells, kInf);
  parent_.assign(cells, kInf);
  parent_label_.assign(cells, 0);
  auto cell = [&](std::uint32_t local, std::uint8_t s) {
    return static_cast<std::size_t>(local) * states.size + states.index[s & states.used];
  };
  // Full states travel with the cell in the deque; cells only index arrays.
  struct Item {
    std::uint32_t local;
    std::uint8_t state;
  };
  std::deque<Item> queue;
  std::uint8_t s0 = 0;
  if (shape.first == kRW) s0 |= kPrevRw;
  if (shape.first & shape.needs) s0 |= kNeedMet;
  s0 &= states.used;
  const std::uint32_t target = local_[u];
  dist_[cell(local_[v], s0)] = 0;
  queue.push_back({local_[v], s0});
  std::size_t pops = 0;
  std::optional<Item> found;
  while (!queue.empty()) {
    const Item it = queue.front();
    queue.pop_front();
    if ((++pops & 1023) == 0 && deadline.passed()) {
      timed_out = true;
      return std::nullopt;
    }
    const std::size_t c = cell(it.local, it.state);
    if (it.local == target) {
      if (accepts(shape, it.state)) {
        found = it;
        break;
      }
      continue;  // a cycle passes u once
    }
    const std::uint32_t gv = component[it.local];
    for (std::uint32_t i = 0, degree = graph_.degree(gv); i < degree; ++i) {
      const Edge e = graph_.edge(gv, i);
      const std::uint32_t w = local_[e.to];
      if (w == kNone) continue;
      const std::uint8_t usable = e.labels & shape.rest;
      const std::uint32_t cost = graph_.is_txn(e.to) ? 1 : 0;
      for (std::uint8_t l = 1; l <= kRealtime; l <<= 1) {
        if (!(usable & l)) continue;
        auto next = step(shape, it.state, l);
        if (!next) continue;
        const std::uint8_t ns = *next & states.used;
        const std::size_t nc = cell(w, ns);
        if (dist_[c] + cost >= dist_[nc]) continue;
        dist_[nc] = dist_[c] + cost;
        parent_[nc] = static_cast<std::uint32_t>(c);
        parent_label_[nc] = l;
        if (cost == 0)
          queue.push_front({w, ns});
        else
          queue.push_back({w, ns});
      }
    }
  }
  if (!found) return std::nullopt;

  // Walk the parents back to v, then read the path forwards, folding runs of
  // time vertices into one realtime step.
  std::vector<std::pair<std::uint32_t, std::uint8_t>> path;  // (vertex, label of the edge into it)
  std::size_t c = cell(found->local, found->state);
  const std::size_t start = cell(local_[v], s0);
  while (c != start) {
    path.emplace_back(component[c / states.size], parent_label_[c]);
    c = parent_[c];
  }
  std::reverse(path.begin(), path.end());
  Cycle cycle{{u, v, shape.first}};
  std::uint32_t at = v;
  bool via_time = false;
  for (const auto& [vertex, label] : path) {
    if (!graph_.is_txn(vertex)) {
      via_time = true;
      continue;
    }
    cycle.push_back({at, vertex, via_time ? std::uint8_t{kRealtime} : label});
    at = vertex;
    via_time = false;
  }
  // Only simple cycles: a transaction met twice means two cycles glued
  // together, whose shape is not the one asked for.
  std::vector<std::uint32_t> seen;
  for (const auto& s : cycle) seen.push_back(s.from);
  std::sort(seen.begin(), seen.end());
  if (std::adjacent_find(seen.begin(), seen.end()) != seen.end()) return std::nullopt;
  return cycle;
}

}  // namespace faultline::checkers::elle
