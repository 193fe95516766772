// Dead ends found ahead of the search (searcher.hpp): no sequence of the
// ops called before one of the next returns makes its op legal; counting
// entries into a state against the ops due that need it; stranded states;
// and, for growth models (append), a state that a get due later cannot
// grow to.
// Each prunes only configurations no completion exists from: a "dead end"
// here is never a guess.
#include <algorithm>

#include "checkers/linearizability/searcher.hpp"

namespace faultline::checkers::lin {

// Nothing called after an op's return may go before that op. So when, for
// one of the next returns, no sequence of the ops called before it can make
// its op legal, no completion exists from here. `first_return` is the first
// return event; the ops called before it are in enabled_ already.
//
// Counting, for models that say where their ops are legal and what they
// leave (registers): an op legal in state a alone that leaves some other
// state (cas [a, b]) needs the state to have been entered since the last such
// op, by a distinct op (a write of a, a cas [x, a]), or to be a now. So when
// more such ops return by some time than ops called by then can enter a
// (plus one if the state is a now), no completion exists. That catches a
// wrong choice (a write that used up the a a later cas needed) within a few
// dozen returns instead of after every interleaving in between. Likewise
// for ops that need a state and must go one after another with ops that
// leave it in between (chain_too_long).
bool Searcher::dead_end(std::int32_t first_return) {
  int returns = 0;
  for (std::int32_t e = first_return; e != tail() && returns < kCountReturns; e = next_[e]) {
    if (is_call(e)) {
      if (returns < kLookaheadReturns) enabled_class(ops_[e - 1].cls);
      if (counting_) count_entry(ops_[e - 1].cls);
      continue;
    }
    ++returns;
    const SearchOp& op = ops_[e - n_ - 1];
    if (counting_ && (too_few_entries(op.cls, op.ret) || (chaining_ && chain_too_long(op)))) return true;
    if (returns > kLookaheadReturns) {
      if (!counting_) break;
      continue;
    }
    // Crashed ops called before this return may go before it too.
    const std::int64_t ret = op.ret;
    for (std::int32_t cls : crashed_classes_) {
      if (ops_[crashed_of_[cls].front()].call > ret) break;
      if (crashed_called_by(cls, ret) >= 0) enabled_class(cls);
    }
    if (!can_become_legal(op.cls)) return true;
  }
  return false;
}

// Growth models (append): a completed op due later that is legal in state
// v only (a get of v) sees either the state now grown to v, or, when a reset
// (a put) goes before it, what the last such reset left grown to v; only
// resets called before its return can go before it. When neither can be
// (the string now is no prefix of what the get returned, nor is any such
// put's value), no completion exists. With unique appended values this
// fixes the order of the appends every later get sees, where the search
// alone would try their orders until a get refused them.
bool Searcher::outgrown(std::int32_t first_return) {
  if (!growing_) return false;
  reset_to_.clear();
  // False for a reset that may leave any state: then anything is reachable.
  auto may_reset = [&](std::int32_t cls) {
    const std::int32_t to = model_.always_leaves(cls);
    if (to < 0) return false;
    if (std::find(reset_to_.begin(), reset_to_.end(), to) == reset_to_.end()) reset_to_.push_back(to);
    return true;
  };
  for (std::int32_t cls : enabled_)
    if (model_.resets(cls) && !may_reset(cls)) return false;
  int returns = 0;
  for (std::int32_t e = first_return; e != tail() && returns < kGrowthReturns; e = next_[e]) {
    if (is_call(e)) {
      const std::int32_t cls = ops_[e - 1].cls;
      if (model_.resets(cls) && !may_reset(cls)) return false;
      continue;
    }
    ++returns;
    const SearchOp& op = ops_[e - n_ - 1];
    for (std::int32_t cls : crashed_resets_)
      if (crashed_called_by(cls, op.ret) >= 0 && !may_reset(cls)) return false;
    const std::int32_t need = model_.only_legal_in(op.cls);
    if (need < 0 || model_.grows_to(state_, need)) continue;
    if (std::none_of(reset_to_.begin(), reset_to_.end(),
                     [&](std::int32_t to) { return model_.grows_to(to, need); }))
      return true;
  }
  return false;
}

// Stranded: the op just linearized left state `left`, which some completed
// op not linearized yet can take effect in only, and which no op not
// linearized yet can enter again (with unique values: a read of a value
// whose one write is overwritten). No completion exists, however far off
// that op returns, so the node is a dead end whatever the counting horizon.
bool Searcher::stranded(std::int32_t left) const {
  const auto s = static_cast<std::size_t>(left);
  return countable_ && left != state_ && s < needing_.size() && needing_[s] > 0 && entering_[s] == 0;
}

// Counts op in (+1) or out (-1) of needing_ / entering_.
void Searcher::account(std::int32_t op, std::int32_t delta) {
  const std::int32_t cls = ops_[op].cls;
  const std::int32_t need = model_.only_legal_in(cls), leave = model_.always_leaves(cls);
  if (need >= 0 && completed(op)) needing_[need] += delta;
  if (leave >= 0 && leave != need) entering_[leave] += delta;
}

void Searcher::touch_count(std::int32_t state) {
  if (count_stamp_[state] == stamp_) return;
  count_stamp_[state] = stamp_;
  entries_[state] = leaves_[state] = chain_len_[state] = 0;
  chain_last_[state] = -1;
  chain_wants_away_[state] = false;
}

// Counts a pending op of class `cls` as one that may enter the state it leaves.
void Searcher::count_entry(std::int32_t cls) {
  const std::int32_t to = model_.always_leaves(cls);
  if (to < 0 || model_.only_legal_in(cls) == to) return;  // read-only, or cas [a, a]
  touch_count(to);
  ++entries_[to];
}

// Whether fewer than `due` entries into `state` can happen before `ret`: the
// ops called by then (counted) and the state now, then crashed ops called by then.
bool Searcher::short_of_entries(std::int32_t state, std::int64_t ret, std::int32_t due) {
  std::int32_t available = entries_[state] + (state_ == state ? 1 : 0);
  for (std::size_t i = 0; i < crashed_entering_.size() && available < due; ++i) {
    const std::int32_t c = crashed_entering_[i];
    if (model_.always_leaves(c) != state) continue;
    const auto& pending = crashed_of_[c];
    for (auto t = static_cast<std::size_t>(taken_[c]); t < pending.size() && ops_[pending[t]].call <= ret &&
                                                       available < due;
         ++t)
      ++available;
  }
  return available < due;
}

// Whether the op of class `cls` due at `ret` is one too many that must leave
// its state: see dead_end.
bool Searcher::too_few_entries(std::int32_t cls, std::int64_t ret) {
  const std::int32_t from = model_.only_legal_in(cls);
  if (from < 0 || model_.always_leaves(cls) == from || model_.read_only(cls)) return false;
  touch_count(from);
  return short_of_entries(from, ret, ++leaves_[from]);
}

// Ops that need state a (a read of a), each called after the return of an
// op that leaves another state (a write of b), itself called after the
// return of the one before: each of them after the first needs its own entry
// into a, the first one too unless the state is a now. `op` returns now (ops
// in return order); the longest such chain, taken greedily by earliest
// return, grows by it when it fits.
bool Searcher::chain_too_long(const SearchOp& op) {
  const std::int32_t from = model_.only_legal_in(op.cls);
  const std::int32_t to = model_.always_leaves(op.cls);
  bool short_now = false;
  if (from >= 0) {
    touch_count(from);
    if (!chain_wants_away_[from] && op.call > chain_last_[from]) {
      chain_wants_away_[from] = true;
      chain_last_[from] = op.ret;
      short_now = short_of_entries(from, op.ret, ++chain_len_[from]);
    }
  }
  if (to >= 0 && !model_.read_only(op.cls)) {
    for (std::int32_t s = 0; s < static_cast<std::int32_t>(chain_len_.size()); ++s) {
      if (s == to) continue;
      touch_count(s);
      if (chain_wants_away_[s] && op.call > chain_last_[s]) {
        chain_wants_away_[s] = false;
        chain_last_[s] = op.ret;
      }
    }
  }
  return short_now;
}

void Searcher::enabled_class(std::int32_t cls) {
  if (enabled_stamp_[cls] == stamp_) return;
  enabled_stamp_[cls] = stamp_;
  enabled_.push_back(cls);
}

// Whether some state reachable from the current one by the enabled ops,
// each usable any number of times (an over-approximation, so a "no" is
// sound), makes class `goal` legal. Gives up ("yes") past kMaxLookahead
// states, as a model with unbounded states (append) would need.
bool Searcher::can_become_legal(std::int32_t goal) {
  // A model with many states (append, sets, queues) would have every
  // lookahead compute new JSON states: there it is off for good.
  constexpr std::size_t kMaxLookahead = 64;
  if (model_.state_count() > kMaxLookahead) return true;
  if (model_.next(state_, goal) != CompiledModel::kIllegal) return true;
  reach_.assign(1, state_);
  ++reach_stamp_;
  auto mark = [&](std::int32_t st) {
    if (static_cast<std::size_t>(st) >= reach_seen_.size())
      reach_seen_.resize(static_cast<std::size_t>(st) * 2 + 64, 0);
    if (reach_seen_[st] == reach_stamp_) return false;
    reach_seen_[st] = reach_stamp_;
    return true;
  };
  mark(state_);
  for (std::size_t at = 0; at < reach_.size(); ++at) {
    for (std::int32_t cls : enabled_) {
      if (cls == goal) continue;
      ++steps_;
      const std::int32_t nx = model_.next(reach_[at], cls);
      if (nx == CompiledModel::kIllegal || !mark(nx)) continue;
      if (model_.next(nx, goal) != CompiledModel::kIllegal || reach_.size() == kMaxLookahead) return true;
      reach_.push_back(nx);
    }
  }
  return false;
}
}  // namespace faultline::checkers::lin
