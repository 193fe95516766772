#include "checkers/linearizability/refute.hpp"

#include <algorithm>
#include <optional>
#include <unordered_set>

#include "checkers/linearizability/prepare.hpp"

namespace faultline::checkers::lin {
namespace {

constexpr std::size_t kMaxStates = 256;                // S larger than this: give up (unique values)
constexpr std::uint64_t kMaxClosureSteps = 4'000'000;  // transitions tried while building S
constexpr std::size_t kMaxWindowOps = 64;              // ops in one window (a 64-bit mask)
constexpr std::size_t kMaxStraddleScan = 512;          // ops looked at behind a cut for ones crossing it
constexpr std::size_t kMaxVisited = 50'000;            // configurations per window
constexpr int kWindowSizes[] = {4, 8, 16, 32};         // ops before the anchor, smallest first

struct WindowOp {
  std::int64_t call;
  std::int64_t ret;  // kNever: no deadline
  std::int32_t cls;
  std::int32_t id;
  bool required;
};

class Refuter {
 public:
  Refuter(const std::vector<SearchOp>& ops, CompiledModel& model, const SearchControl& control)
      : ops_(ops), model_(model), control_(control) {}

  Refutation run(bool windows) {
    Refutation r;
    const bool closed = closure();
    if (closed) {
      r.reachable = states_;
      if (auto stuck = unreachable()) {
        r.kind = RefutationKind::Unreachable;
        r.stuck = *stuck;
        r.window = {*stuck};
        r.steps = steps_;
        return r;
      }
    }
    // Needs no S, so it still works where S gave up (unique values).
    StaleRead stale = find_stale_read(ops_, model_, control_);
    steps_ += stale.steps;
    if (stale.stuck >= 0) {
      r.kind = RefutationKind::StaleRead;
      r.stuck = stale.stuck;
      r.window = {stale.stuck};
      for (const StaleRead::Overwrite& o : stale.overwritten) {
        if (o.bringer >= 0) r.window.push_back(o.bringer);
        r.window.push_back(o.by);
      }
      r.window.insert(r.window.end(), stale.later.begin(), stale.later.end());
      r.later = std::move(stale.later);
      std::sort(r.window.begin(), r.window.end());
      r.window.erase(std::unique(r.window.begin(), r.window.end()), r.window.end());
      r.overwritten = std::move(stale.overwritten);
    } else {
      // Growth models (append) only; needs no S either.
      ShrunkRead shrunk = find_shrunk_read(ops_, model_, control_);
      steps_ += shrunk.steps;
      if (shrunk.stuck >= 0) {
        r.kind = RefutationKind::ShrunkRead;
        r.stuck = shrunk.stuck;
        r.before = shrunk.before;
        r.window = shrunk.resets;
        r.window.push_back(shrunk.stuck);
        r.window.push_back(shrunk.before);
        std::sort(r.window.begin(), r.window.end());
        r.resets = std::move(shrunk.resets);
      } else if (closed && windows) {
        window_search(r);
      }
    }
    r.steps = steps_;
    return r;
  }

 private:
  bool out_of_time() {
    if ((++polls_ & 1023) != 0) return false;
    return control_.stopped();
  }

  std::int32_t next(std::int32_t state, std::int32_t cls) {
    ++steps_;
    return model_.next(state, cls);
  }

  // S: breadth first from the initial state over every class that changes state.
  bool closure() {
    std::vector<char> seen_cls(model_.class_count(), 0);
    for (const SearchOp& op : ops_)
      if (!seen_cls[op.cls] && !model_.read_only(op.cls)) {
        seen_cls[op.cls] = 1;
        writers_.push_back(op.cls);
      }
    states_ = {model_.init_state()};
    // State ids are dense (interned in order), so a flag per id marks S.
    std::vector<char> in(model_.state_count() + 64, 0);
    in[static_cast<std::size_t>(model_.init_state())] = 1;
    for (std::size_t at = 0; at < states_.size(); ++at) {
      for (std::int32_t cls : writers_) {
        if (steps_ > kMaxClosureSteps || out_of_time()) return false;
        const std::int32_t nx = next(states_[at], cls);
        if (nx == CompiledModel::kIllegal) continue;
        if (static_cast<std::size_t>(nx) >= in.size()) in.resize(static_cast<std::size_t>(nx) * 2 + 64, 0);
        if (in[static_cast<std::size_t>(nx)]) continue;
        in[static_cast<std::size_t>(nx)] = 1;
        if (states_.size() == kMaxStates) return false;
        states_.push_back(nx);
      }
    }
    return true;
  }

  // The first completed op (by return) that is legal in no reachable state.
  std::optional<std::int32_t> unreachable() {
    std::vector<signed char> legal(model_.class_count(), -1);
    std::optional<std::int32_t> found;
    for (std::int32_t i = 0; i < static_cast<std::int32_t>(ops_.size()); ++i) {
      const SearchOp& op = ops_[i];
      if (op.ret == kNever) continue;
      if (legal[op.cls] < 0) {
        legal[op.cls] = 0;
        for (std::int32_t s : states_)
          if (next(s, op.cls) != CompiledModel::kIllegal) {
            legal[op.cls] = 1;
            break;
          }
      }
      if (!legal[op.cls] && (!found || op.ret < ops_[*found].ret)) found = i;
    }
    return found;
  }

  // States reachable from `s` by the free classes (crashed before the cut).
  const std::vector<std::int32_t>& free_closure(std::int32_t s) {
    auto it = free_memo_.find(s);
    if (it != free_memo_.end()) return it->second;
    std::vector<std::int32_t> out{s};
    std::unordered_set<std::int32_t> in{s};
    for (std::size_t at = 0; at < out.size(); ++at)
      for (std::int32_t cls : free_)
        if (const std::int32_t nx = next(out[at], cls); nx != CompiledModel::kIllegal && in.insert(nx).second)
          out.push_back(nx);
    return free_memo_.emplace(s, std::move(out)).first->second;
  }

  // True when some order of `w` from some state of S linearizes every
  // required op; also true when the budget ran out (nothing proven).
  bool satisfiable(const std::vector<WindowOp>& w) {
    const auto n = static_cast<std::int32_t>(w.size());
    std::uint64_t required = 0;
    for (std::int32_t i = 0; i < n; ++i)
      if (w[i].required) required |= 1ULL << i;
    struct Config {
      std::uint64_t mask;
      std::int32_t state;
    };
    struct Hash {
      std::size_t operator()(const std::pair<std::uint64_t, std::int32_t>& c) const {
        return std::hash<std::uint64_t>{}(c.first * 0x9e3779b97f4a7c15ULL ^
                                          static_cast<std::uint64_t>(c.second));
      }
    };
    std::unordered_set<std::pair<std::uint64_t, std::int32_t>, Hash> visited;
    std::vector<Config> stack;
    for (std::int32_t s : states_) stack.push_back({0, s});
    while (!stack.empty()) {
      if (visited.size() > kMaxVisited || out_of_time()) return true;
      const Config c = stack.back();
      stack.pop_back();
      if ((c.mask & required) == required) return true;
      if (!visited.insert({c.mask, c.state}).second) continue;
      // Latest call among the linearized ops: w is sorted by call.
      const std::int64_t last_call = c.mask ? w[63 - __builtin_clzll(c.mask)].call : INT64_MIN;
      // Earliest return among the required ops still to go.
      std::int64_t first_ret = kNever, second_ret = kNever;
      std::int32_t first_at = -1;
      for (std::int32_t j = 0; j < n; ++j) {
        if (!w[j].required || ((c.mask >> j) & 1)) continue;
        if (w[j].ret < first_ret) {
          second_ret = first_ret;
          first_ret = w[j].ret;
          first_at = j;
        } else if (w[j].ret < second_ret) {
          second_ret = w[j].ret;
        }
      }
      for (std::int32_t i = 0; i < n; ++i) {
        if ((c.mask >> i) & 1) continue;
        const std::int64_t bound = i == first_at ? second_ret : first_ret;
        if (w[i].call > bound) break;  // sorted by call: no later op may go before that return
        if (w[i].ret != kNever && w[i].ret < last_call) continue;  // returned before a linearized op began
        const std::int32_t nx = next(c.state, w[i].cls);
        if (nx == CompiledModel::kIllegal) continue;
        for (std::int32_t s : free_closure(nx)) stack.push_back({c.mask | (1ULL << i), s});
      }
    }
    return false;
  }

  void window_search(Refutation& r) {
    const auto n = static_cast<std::int32_t>(ops_.size());
    // prefix_max_ret[j]: the latest return among completed ops [0, j).
    std::vector<std::int64_t> prefix_max_ret(n + 1, INT64_MIN);
    for (std::int32_t j = 0; j < n; ++j)
      prefix_max_ret[j + 1] = std::max(prefix_max_ret[j], ops_[j].ret == kNever ? INT64_MIN : ops_[j].ret);
    std::vector<std::int32_t> first_crash(model_.class_count(), INT32_MAX);
    for (std::int32_t j = 0; j < n; ++j)
      if (ops_[j].ret == kNever) first_crash[ops_[j].cls] = std::min(first_crash[ops_[j].cls], j);

    std::vector<WindowOp> w;
    for (int size : kWindowSizes) {
      for (std::int32_t anchor = 0; anchor < n; ++anchor) {
        if (out_of_time()) return;
        if (ops_[anchor].ret == kNever) continue;
        const std::int32_t a = std::max(0, anchor - size);
        const std::int64_t t0 = ops_[a].call, t1 = ops_[anchor].ret;
        w.clear();
        // Completed ops crossing the cut: optional, before their return.
        bool too_wide = false;
        std::size_t scanned = 0;
        for (std::int32_t j = a - 1; j >= 0 && prefix_max_ret[j + 1] > t0; --j) {
          if (++scanned > kMaxStraddleScan) {
            too_wide = true;
            break;
          }
          if (ops_[j].ret != kNever && ops_[j].ret > t0)
            w.push_back({ops_[j].call, ops_[j].ret > t1 ? kNever : ops_[j].ret, ops_[j].cls, j, false});
        }
        if (too_wide) continue;
        std::reverse(w.begin(), w.end());
        for (std::int32_t j = a; j < n && ops_[j].call < t1; ++j) {
          const bool required = ops_[j].ret != kNever && ops_[j].ret <= t1;
          w.push_back({ops_[j].call, required ? ops_[j].ret : kNever, ops_[j].cls, j, required});
        }
        if (w.size() > kMaxWindowOps) continue;
        free_.clear();
        for (std::size_t cls = 0; cls < first_crash.size(); ++cls)
          if (first_crash[cls] < a) free_.push_back(static_cast<std::int32_t>(cls));
        free_memo_.clear();
        if (satisfiable(w)) continue;
        r.kind = RefutationKind::Window;
        r.stuck = anchor;
        r.window.clear();
        for (const WindowOp& op : w) r.window.push_back(op.id);
        return;
      }
    }
  }

  const std::vector<SearchOp>& ops_;
  CompiledModel& model_;
  const SearchControl& control_;
  std::vector<std::int32_t> writers_, states_, free_;
  std::unordered_map<std::int32_t, std::vector<std::int32_t>> free_memo_;
  std::uint64_t steps_ = 0;
  std::uint64_t polls_ = 0;
};

}  // namespace

Refutation refute_partition(const std::vector<SearchOp>& ops, CompiledModel& model,
                            const SearchControl& control, bool windows) {
  return Refuter(ops, model, control).run(windows);
}

}  // namespace faultline::checkers::lin
