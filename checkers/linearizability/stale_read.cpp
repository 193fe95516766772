#include "checkers/linearizability/stale_read.hpp"

#include <algorithm>
#include <functional>
#include <numeric>

#include "checkers/linearizability/prepare.hpp"

namespace faultline::checkers::lin {
namespace {

constexpr std::int32_t kNone = -1;
// Ops leaving a bringer's own value (reads of it, above all) met while the
// op that overwrote it is sought, before that bringer is given up on.
constexpr int kMaxSkips = 64;

class Finder {
 public:
  Finder(const std::vector<SearchOp>& ops, CompiledModel& model, const SearchControl& control)
      : ops_(ops), model_(model), control_(control), n_(static_cast<std::int32_t>(ops.size())) {}

  StaleRead run() {
    StaleRead out;
    if (!effects()) return out;
    bring();
    build_tree();
    // Completed ops that need a value, earliest return first: the first one
    // found stuck is the one to report.
    std::vector<std::int32_t> observers;
    for (std::int32_t i = 0; i < n_; ++i)
      if (ops_[i].ret != kNever && needs_[i] != kNone) observers.push_back(i);
    std::sort(observers.begin(), observers.end(),
              [&](std::int32_t a, std::int32_t b) { return ops_[a].ret < ops_[b].ret; });
    for (std::int32_t r : observers) {
      if ((++polls_ & 255) == 0 && control_.stopped()) break;
      if (stuck(r, out.overwritten, out.later)) {
        out.stuck = r;
        break;
      }
    }
    out.steps = steps_;
    return out;
  }

 private:
  // needs_ / leaves_ per op, as state ids; false when the model has none.
  bool effects() {
    const Model& m = model_.model();
    std::vector<std::int32_t> cls_needs(model_.class_count()), cls_leaves(model_.class_count());
    for (std::size_t c = 0; c < model_.class_count(); ++c) {
      const auto e = m.value_effect(model_.op_class(static_cast<std::int32_t>(c)));
      if (!e) return false;
      cls_needs[c] = e->needs ? model_.intern_state(*e->needs) : kNone;
      cls_leaves[c] = e->leaves ? model_.intern_state(*e->leaves) : kNone;
    }
    init_ = model_.init_state();
    needs_.resize(n_);
    leaves_.resize(n_);
    for (std::int32_t i = 0; i < n_; ++i) {
      needs_[i] = cls_needs[ops_[i].cls];
      leaves_[i] = cls_leaves[ops_[i].cls];
    }
    return true;
  }

  // Bringers per value: ops that can leave it without needing it.
  void bring() {
    std::int32_t values = init_ + 1;
    for (std::int32_t i = 0; i < n_; ++i) values = std::max({values, needs_[i] + 1, leaves_[i] + 1});
    bringers_.assign(values, {});
    for (std::int32_t i = 0; i < n_; ++i) {
      const std::int32_t v = leaves_[i];
      if (v == kNone || needs_[i] == v) continue;
      auto& list = bringers_[v];
      if (list.size() <= kMaxBringers) list.push_back(i);  // one past the cap marks "too many"
    }
    calls_.resize(n_);
    for (std::int32_t i = 0; i < n_; ++i) calls_[i] = ops_[i].call;
  }

  // A min-tree over ops (by call) of the return of each completed op that
  // leaves a known value: the ops that can overwrite one.
  void build_tree() {
    size_ = 1;
    while (size_ < n_) size_ *= 2;
    tree_.assign(2 * static_cast<std::size_t>(size_), kNever);
    for (std::int32_t i = 0; i < n_; ++i)
      if (ops_[i].ret != kNever && leaves_[i] != kNone) tree_[size_ + i] = ops_[i].ret;
    for (std::int32_t k = size_ - 1; k >= 1; --k) tree_[k] = std::min(tree_[2 * k], tree_[2 * k + 1]);
    overwrite_.assign(n_, kUnknown);
  }

  // Of the completed ops invoked after `after` that leave a value other than
  // `v`, the one returning first (best first over the tree's nodes); kNone
  // when there is none, or when more than kMaxSkips ops leaving `v` return
  // before it. It overwrote v for every op invoked after its return.
  std::int32_t first_overwrite(std::int64_t after, std::int32_t v) {
    const auto lo =
        static_cast<std::int32_t>(std::upper_bound(calls_.begin(), calls_.end(), after) - calls_.begin());
    struct Node {
      std::int64_t min;
      std::int32_t node, l, r;
      bool operator>(const Node& o) const { return min > o.min; }
    };
    std::vector<Node> heap;
    auto push = [&](std::int32_t node, std::int32_t l, std::int32_t r) {
      if (tree_[node] == kNever) return;
      heap.push_back({tree_[node], node, l, r});
      std::push_heap(heap.begin(), heap.end(), std::greater<>{});
    };
    // [lo, size_) as whole nodes, walking down from the root.
    for (std::int32_t node = 1, l = 0, r = size_;;) {
      ++steps_;
      if (lo <= l) {
        push(node, l, r);
        break;
      }
      if (r - l == 1) break;  // a leaf before lo
      const std::int32_t mid = (l + r) / 2;
      if (lo < mid) {
        push(2 * node + 1, mid, r);
        node = 2 * node;
        r = mid;
      } else {
        node = 2 * node + 1;
        l = mid;
      }
    }
    int skips = 0;
    while (!heap.empty()) {
      ++steps_;
      std::pop_heap(heap.begin(), heap.end(), std::greater<>{});
      const Node at = heap.back();
      heap.pop_back();
      if (at.r - at.l == 1) {
        if (leaves_[at.l] != v) return at.l;
        if (++skips > kMaxSkips) return kNone;
        continue;
      }
      const std::int32_t mid = (at.l + at.r) / 2;
      push(2 * at.node, at.l, mid);
      push(2 * at.node + 1, mid, at.r);
    }
    return kNone;
  }

  // first_overwrite after bringer `p` (kNone: the initial state), once each.
  std::int32_t overwrite_of(std::int32_t p, std::int32_t v) {
    std::int32_t& memo = p == kNone ? init_overwrite_ : overwrite_[p];
    if (memo == kUnknown) memo = first_overwrite(p == kNone ? INT64_MIN : ops_[p].ret, v);
    return memo;
  }

  // True when every bringer of the value `r` needs that may precede it was
  // overwritten before `r` was invoked; `why` gets each bringer and the op.
  bool stuck(std::int32_t r, std::vector<StaleRead::Overwrite>& why, std::vector<std::int32_t>& later) {
    const std::int32_t v = needs_[r];
    const auto& list = bringers_[v];
    if (list.size() > kMaxBringers) return false;
    why.clear();
    later.clear();
    auto overwritten_before_r = [&](std::int32_t bringer) {
      const std::int32_t by = overwrite_of(bringer, v);
      if (by == kNone || ops_[by].ret > ops_[r].call) return false;
      why.push_back({bringer, by});
      return true;
    };
    if (v == init_ && !overwritten_before_r(kNone)) return false;
    for (std::int32_t p : list) {
      if (ops_[p].call > ops_[r].ret) {  // invoked after r returned: cannot precede it
        later.push_back(p);
        continue;
      }
      if (ops_[p].ret == kNever) return false;   // crashed: may take effect just before r
      if (!overwritten_before_r(p)) return false;
    }
    return true;
  }

  const std::vector<SearchOp>& ops_;
  CompiledModel& model_;
  const SearchControl& control_;
  const std::int32_t n_;
  std::int32_t init_ = kNone;
  std::vector<std::int32_t> needs_, leaves_;
  std::vector<std::vector<std::int32_t>> bringers_;
  std::vector<std::int64_t> calls_;
  std::vector<std::int64_t> tree_;
  std::int32_t size_ = 1;
  static constexpr std::int32_t kUnknown = -2;
  std::vector<std::int32_t> overwrite_;  // per bringer: overwrite_of, kUnknown until asked
  std::int32_t init_overwrite_ = kUnknown;
  std::uint64_t steps_ = 0;
  std::uint64_t polls_ = 0;
};

}  // namespace

StaleRead find_stale_read(const std::vector<SearchOp>& ops, CompiledModel& model, const SearchControl& control) {
  if (ops.empty()) return {};
  return Finder(ops, model, control).run();
}

}  // namespace faultline::checkers::lin
