#include "checkers/linearizability/stale_read.hpp"

#include <algorithm>
#include <chrono>
#include <numeric>
#include <unordered_map>

#include "checkers/linearizability/prepare.hpp"

namespace faultline::checkers::lin {
namespace {

constexpr std::int32_t kNone = -1;
// Ops leaving the stuck op's own value (reads of it, above all) found where
// an overwrite is sought, before that bringer is given up on: a popular
// value read many times between its write and the stuck op costs no more.
constexpr int kMaxSkips = 64;

// Values as the model compares them, interned to ints.
class ValueIds {
 public:
  explicit ValueIds(const Model& model) : model_(model) {}
  std::int32_t id(const boost::json::value& v) {
    auto& bucket = by_hash_[model_.hash(v)];
    for (std::int32_t i : bucket)
      if (model_.equal(values_[i], v)) return i;
    values_.push_back(v);
    bucket.push_back(static_cast<std::int32_t>(values_.size() - 1));
    return bucket.back();
  }

 private:
  const Model& model_;
  std::vector<boost::json::value> values_;
  std::unordered_map<std::size_t, std::vector<std::int32_t>> by_hash_;
};

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
      if ((++polls_ & 255) == 0 && out_of_time()) break;
      if (stuck(r, out.overwritten)) {
        out.stuck = r;
        break;
      }
    }
    out.steps = steps_;
    return out;
  }

 private:
  bool out_of_time() const {
    return (control_.cancel && control_.cancel->load(std::memory_order_relaxed)) ||
           std::chrono::steady_clock::now() >= control_.deadline;
  }

  // needs_ / leaves_ per op, as value ids; false when the model has none.
  bool effects() {
    const Model& m = model_.model();
    ValueIds ids(m);
    std::vector<std::int32_t> cls_needs(model_.class_count()), cls_leaves(model_.class_count());
    for (std::size_t c = 0; c < model_.class_count(); ++c) {
      const auto e = m.value_effect(model_.op_class(static_cast<std::int32_t>(c)));
      if (!e) return false;
      cls_needs[c] = e->needs ? ids.id(*e->needs) : kNone;
      cls_leaves[c] = e->leaves ? ids.id(*e->leaves) : kNone;
    }
    init_ = ids.id(m.init());
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
  }

  // The first op in [lo, hi) that returns before `bound` and leaves a value
  // other than `v`; kNone when there is none or too many were skipped.
  std::int32_t overwrite(std::int32_t lo, std::int32_t hi, std::int64_t bound, std::int32_t v, int& skips,
                         std::int32_t node, std::int32_t l, std::int32_t r) {
    ++steps_;
    if (r <= lo || l >= hi || tree_[node] >= bound || skips > kMaxSkips) return kNone;
    if (r - l == 1) {
      if (leaves_[l] != v) return l;
      ++skips;
      return kNone;
    }
    const std::int32_t mid = (l + r) / 2;
    const std::int32_t left = overwrite(lo, hi, bound, v, skips, 2 * node, l, mid);
    if (left != kNone) return left;
    return overwrite(lo, hi, bound, v, skips, 2 * node + 1, mid, r);
  }

  // True when every bringer of the value `r` needs that may precede it was
  // overwritten before `r` was invoked; `why` gets each bringer and the op.
  bool stuck(std::int32_t r, std::vector<StaleRead::Overwrite>& why) {
    const std::int32_t v = needs_[r];
    const auto& list = bringers_[v];
    if (list.size() > kMaxBringers) return false;
    why.clear();
    const std::int64_t before = ops_[r].call;
    const auto hi = static_cast<std::int32_t>(std::lower_bound(calls_.begin(), calls_.end(), before) - calls_.begin());
    auto overwritten_after = [&](std::int32_t bringer, std::int64_t done) {
      const auto lo =
          static_cast<std::int32_t>(std::upper_bound(calls_.begin(), calls_.end(), done) - calls_.begin());
      int skips = 0;
      const std::int32_t by = overwrite(lo, hi, before, v, skips, 1, 0, size_);
      if (by == kNone) return false;
      why.push_back({bringer, by});
      return true;
    };
    if (v == init_ && !overwritten_after(kNone, INT64_MIN)) return false;
    for (std::int32_t p : list) {
      if (ops_[p].call > ops_[r].ret) continue;  // invoked after r returned: cannot precede it
      if (ops_[p].ret == kNever) return false;   // crashed: may take effect just before r
      if (!overwritten_after(p, ops_[p].ret)) return false;
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
  std::uint64_t steps_ = 0;
  std::uint64_t polls_ = 0;
};

}  // namespace

StaleRead find_stale_read(const std::vector<SearchOp>& ops, CompiledModel& model, const SearchControl& control) {
  if (ops.empty()) return {};
  return Finder(ops, model, control).run();
}

}  // namespace faultline::checkers::lin
