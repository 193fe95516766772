#include "checkers/linearizability/search.hpp"

#include <algorithm>

#include "checkers/linearizability/searcher.hpp"

namespace faultline::checkers::lin {

void Searcher::build_list() {
  struct Event {
    std::int64_t time;
    std::int32_t id;
  };
  std::vector<Event> events;
  events.reserve(2 * ops_.size());
  pos_.assign(n_, 0);
  std::int32_t done = 0, crashed = 0;
  for (std::int32_t i = 0; i < n_; ++i) {
    if (!completed(i)) {
      ++crashed;
      continue;
    }
    pos_[i] = done++;
    events.push_back({ops_[i].call, i + 1});
    events.push_back({ops_[i].ret, n_ + 1 + i});
  }
  crash_base_ = (done + 63) & ~63;
  bit_end_ = crash_base_ + crashed;
  crashed_.k = crash_base_;
  crashed_.max = crash_base_ - 1;
  crashed_of_.assign(model_.class_count(), {});
  taken_.assign(model_.class_count(), 0);
  crashed = 0;
  for (std::int32_t i = 0; i < n_; ++i) {
    if (completed(i)) continue;
    pos_[i] = crash_base_ + crashed++;
    if (crashed_of_[ops_[i].cls].empty()) crashed_classes_.push_back(ops_[i].cls);
    crashed_of_[ops_[i].cls].push_back(i);
  }
  std::sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    if (a.time != b.time) return a.time < b.time;
    return a.id < b.id;  // calls (smaller ids) first at equal times: closed intervals
  });
  next_.assign(2 * n_ + 2, tail());
  prev_.assign(2 * n_ + 2, 0);
  std::int32_t last = 0;
  for (const Event& e : events) {
    next_[last] = e.id;
    prev_[e.id] = last;
    last = e.id;
  }
  next_[last] = tail();
  prev_[tail()] = last;
}

void Searcher::lift(std::int32_t op) {
  if (countable_) account(op, -1);
  if (!completed(op)) {
    ++taken_[ops_[op].cls];
    return;
  }
  std::int32_t call = op + 1;
  next_[prev_[call]] = next_[call];
  prev_[next_[call]] = prev_[call];
  std::int32_t ret = n_ + 1 + op;
  next_[prev_[ret]] = next_[ret];
  prev_[next_[ret]] = prev_[ret];
}

void Searcher::unlift(std::int32_t op) {
  if (countable_) account(op, +1);
  if (!completed(op)) {
    --taken_[ops_[op].cls];
    return;
  }
  std::int32_t ret = n_ + 1 + op;
  next_[prev_[ret]] = ret;
  prev_[next_[ret]] = ret;
  std::int32_t call = op + 1;
  next_[prev_[call]] = call;
  prev_[next_[call]] = call;
}

// Collects the ops that may be linearized next: every call before the first
// return, legal in the current state, one per class (b), or just one legal
// read-only op when there is any (a). Completed ops come first, in call
// order, then the first pending crashed op of each class called by then;
// order_candidates then sorts them.
//
// Crashed ops just in time: a crashed op c goes only right before an op that
// needs it, one that from the state before c is illegal or ends elsewhere
// (needs()). Sound: of the valid completions from a node, take one with the
// fewest crashed ops. If a crashed op in it were last, or followed by an op x
// that does not need it, dropping it would leave every later state as it
// was (x reaches the same state from before c), a valid completion with
// fewer crashed ops; and crashed ops may be left out ("never took effect").
// So every crashed op in it is needed by its successor, which reductions (a)
// and (b) keep: (a) moves a completed read to the front and then dropping
// the crashed ops it leaves unneeded restores the property, (b) swaps ops of
// one class, which keeps every state. `before_crashed` (>= 0 after a crashed
// op: the state before it) keeps only the ops that need it; such a node is
// memoised under its pair of states (memo_state), as its candidates depend
// on both.
void Searcher::enter_node(std::int32_t before_crashed) {
  Node node;
  node.state = state_;
  node.cand_begin = static_cast<std::uint32_t>(cands_.size());
  if (control_->lookahead && !nodes_.empty() && stranded(nodes_.back().state)) {
    node.cand_end = node.cand_begin;
    node.cursor = node.cand_begin;
    nodes_.push_back(node);
    return;
  }
  ++stamp_;
  enabled_.clear();
  auto only = [&](std::int32_t op, std::int32_t nx) {
    cands_.resize(node.cand_begin);
    cand_next_.resize(node.cand_begin);
    cands_.push_back(op);
    cand_next_.push_back(nx);
    node.cand_end = static_cast<std::uint32_t>(cands_.size());
    node.cursor = node.cand_begin;
    nodes_.push_back(node);
  };
  std::int32_t e = next_[0];
  for (; e != tail() && is_call(e); e = next_[e]) {
    std::int32_t op = e - 1;
    std::int32_t cls = ops_[op].cls;
    ++steps_;
    enabled_class(cls);
    if (counting_) count_entry(cls);
    std::int32_t nx = model_.next(state_, cls);
    if (nx == CompiledModel::kIllegal) continue;
    if (before_crashed >= 0 && !needs(before_crashed, cls, nx)) continue;
    if (model_.read_only(cls)) return only(op, nx);
    if (class_stamp_[cls] != stamp_) {
      class_stamp_[cls] = stamp_;
      class_pos_[cls] = static_cast<std::uint32_t>(cands_.size());
      cands_.push_back(op);
      cand_next_.push_back(nx);
    } else if (ops_[op].ret < ops_[cands_[class_pos_[cls]]].ret) {
      cands_[class_pos_[cls]] = op;
    }
  }
  // The first return bounds which crashed ops have been called by now.
  const std::int64_t first_ret = e == tail() ? kNever : ops_[e - n_ - 1].ret;
  const auto crashed_begin = static_cast<std::uint32_t>(cands_.size());
  for (std::int32_t cls : crashed_classes_) {
    if (ops_[crashed_of_[cls].front()].call > first_ret) break;  // nor any class after it
    const std::int32_t crashed = crashed_called_by(cls, first_ret);
    if (crashed < 0) continue;
    ++steps_;
    enabled_class(cls);
    std::int32_t nx = model_.next(state_, cls);
    // A crashed op that changes nothing is needed by no op.
    if (nx == CompiledModel::kIllegal || nx == state_) continue;
    if (before_crashed >= 0 && !needs(before_crashed, cls, nx)) continue;
    if (model_.read_only(cls)) return only(crashed, nx);
    cands_.push_back(crashed);
    cand_next_.push_back(nx);
  }
  // A crashed op no op that may follow it needs leads nowhere (every class
  // enabled here is now in enabled_: what may follow is among them).
  std::uint32_t kept = crashed_begin;
  for (std::uint32_t i = crashed_begin; i < cands_.size(); ++i) {
    if (!some_op_needs(state_, cand_next_[i])) continue;
    cands_[kept] = cands_[i];
    cand_next_[kept++] = cand_next_[i];
  }
  cands_.resize(kept);
  cand_next_.resize(kept);
  if (e != tail()) {
    // outgrown runs on small partitions too: it costs a few prefix compares
    // per node, for growth models only, and saves far more than it costs.
    if (outgrown(e) || (control_->lookahead && dead_end(e))) {
      cands_.resize(node.cand_begin);
      cand_next_.resize(node.cand_begin);
    } else {
      order_candidates(node, e - n_ - 1);
    }
  }
  node.cand_end = static_cast<std::uint32_t>(cands_.size());
  node.cursor = node.cand_begin;
  nodes_.push_back(node);
}

// Called with before = the node's state: the answer per `after` is kept for
// the node (many crashed classes lead to the same few states).
bool Searcher::some_op_needs(std::int32_t before, std::int32_t after) {
  const auto at = static_cast<std::size_t>(after);
  if (at >= needed_stamp_.size()) {
    needed_stamp_.resize(at * 2 + 16, 0);
    needed_.resize(at * 2 + 16, false);
  }
  if (needed_stamp_[at] == stamp_) return needed_[at];
  bool found = false;
  for (std::int32_t cls : enabled_) {
    ++steps_;
    const std::int32_t nx = model_.next(after, cls);
    if (nx != CompiledModel::kIllegal && needs(before, cls, nx)) {
      found = true;
      break;
    }
  }
  needed_stamp_[at] = stamp_;
  needed_[at] = found;
  return found;
}

// The memo's state for a node: the model state, or after a crashed op an id
// (< 0) for the pair (state before it, state after).
std::int32_t Searcher::memo_state(std::int32_t before_crashed, std::int32_t state) {
  if (before_crashed < 0) return state;
  const std::uint64_t key =
      (static_cast<std::uint64_t>(static_cast<std::uint32_t>(before_crashed)) << 32) | static_cast<std::uint32_t>(state);
  std::int32_t id = after_crash_ids_.find(key);
  if (id == FlatU64Map::kMissing) {
    id = -(++after_crash_count_);
    after_crash_ids_.insert(key, id);
  }
  return id;
}

// The order candidates are tried in changes no verdict, only how soon a
// valid history is found. Goal first: the op whose return comes first must
// be linearized before anything later is, so it goes first when legal, then
// the ops after which it becomes legal, then the rest, by call (old ops
// first, as Porcupine does) or by return (the op due first first, which
// avoids most dead ends when many processes overlap).
void Searcher::order_candidates(const Node& node, std::int32_t first_return) {
  const std::uint32_t begin = node.cand_begin;
  const auto end = static_cast<std::uint32_t>(cands_.size());
  if (end - begin < 2) return;
  const std::int32_t goal = ops_[first_return].cls;
  ranked_.clear();
  for (std::uint32_t i = begin; i < end; ++i) {
    const std::int32_t op = cands_[i];
    const std::int64_t rank = op == first_return                                            ? 0
                              : model_.next(cand_next_[i], goal) != CompiledModel::kIllegal ? 1
                                                                                            : 2;
    const std::int64_t time = control_->order == SearchOrder::ByCall ? ops_[op].call : ops_[op].ret;
    // Times are history positions, far below 2^61.
    ranked_.push_back({(rank << 61) | std::min<std::int64_t>(time, (1LL << 61) - 1), op, cand_next_[i]});
  }
  std::stable_sort(ranked_.begin(), ranked_.end(),
                   [](const Ranked& a, const Ranked& b) { return a.key < b.key; });
  for (std::uint32_t i = begin; i < end; ++i) {
    cands_[i] = ranked_[i - begin].op;
    cand_next_[i] = ranked_[i - begin].next;
  }
}

void Searcher::record_longest() {
  std::size_t depth = nodes_.size() - 1;
  longest_.resize(valid_prefix_);
  longest_states_.resize(valid_prefix_);
  for (std::size_t i = valid_prefix_; i < depth; ++i) {
    longest_.push_back(nodes_[i].chosen);
    longest_states_.push_back(nodes_[i + 1].state);
  }
  valid_prefix_ = depth;
}

bool Searcher::poll(SearchResult& result) {
  next_poll_ = steps_ + kPollEvery;
  if (control_->cancel && control_->cancel->load(std::memory_order_relaxed)) {
    result.status = SearchStatus::Cancelled;
    return false;
  }
  if (steps_ >= control_->max_steps) {
    result.status = SearchStatus::StepLimit;
    return false;
  }
  if (std::chrono::steady_clock::now() >= control_->deadline) {
    result.status = SearchStatus::OutOfTime;
    return false;
  }
  return true;
}

// Everything the search holds that grows with the history: the memo, the
// model's tables, the per-op arrays and the DFS stack.
std::size_t Searcher::bytes_held() const {
  auto cap = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
  return cache_.bytes() + model_.bytes() + cap(next_) + cap(prev_) + cap(bits_) + cap(pos_) + cap(zobrist_) +
         cap(nodes_) + cap(cands_) + cap(cand_next_) + cap(longest_) + cap(longest_states_) + cap(taken_) +
         cap(crashed_of_) + after_crash_ids_.bytes() + static_cast<std::size_t>(bit_end_ - crash_base_) * sizeof(std::int32_t);
}

// Charges what the search holds, plus what the next memo insert may add for
// a moment, so that the budget holds at the peak.
bool Searcher::charge_memory(SearchResult& result) {
  auto bytes = static_cast<std::int64_t>(bytes_held() + cache_.next_insert_bytes() + model_.growth_bytes());
  if (bytes == charged_bytes_ || !control_->memory_used) return true;
  std::int64_t total = control_->memory_used->fetch_add(bytes - charged_bytes_) + (bytes - charged_bytes_);
  charged_bytes_ = bytes;
  if (total > control_->memory_limit) {
    result.status = SearchStatus::OutOfMemory;
    return false;
  }
  return true;
}

SearchResult Searcher::finish(SearchResult& result, SearchStatus status) {
  if (status == SearchStatus::Linearizable && !nodes_.empty()) record_longest();
  result.status = status;
  result.steps = steps_;
  result.configs = cache_.size();
  result.peak_bytes = bytes_held();
  result.max_depth = max_depth_;
  if (control_->memory_used) control_->memory_used->fetch_sub(charged_bytes_);
  charged_bytes_ = 0;  // charged again when a StepLimit search resumes
  if (status != SearchStatus::StepLimit) {
    result.longest = std::move(longest_);
    result.longest_states = std::move(longest_states_);
  }
  return result;
}

SearchResult Searcher::run(const SearchControl& control) {
  control_ = &control;
  SearchResult result;
  if (!started_) {
    started_ = true;
    build_list();
    bits_.assign(static_cast<std::size_t>(bit_end_) / 64 + 1, 0);
    zobrist_.resize(n_);
    for (std::int32_t i = 0; i < n_; ++i) zobrist_[i] = mix64(0x9e3779b97f4a7c15ULL * (i + 1));
    class_stamp_.assign(model_.class_count(), 0);
    class_pos_.assign(model_.class_count(), 0);
    enabled_stamp_.assign(model_.class_count(), 0);
    // Counting needs every op that changes the state to say which state it
    // leaves; the state ids it names are all interned by now.
    countable_ = true;
    for (std::int32_t cls = 0; cls < static_cast<std::int32_t>(model_.class_count()); ++cls)
      if (!model_.read_only(cls) && model_.always_leaves(cls) < 0) countable_ = false;
    entries_.assign(model_.state_count(), 0);
    leaves_.assign(model_.state_count(), 0);
    count_stamp_.assign(model_.state_count(), 0);
    chain_len_.assign(model_.state_count(), 0);
    chain_last_.assign(model_.state_count(), -1);
    chain_wants_away_.assign(model_.state_count(), false);
    // Chains cost a pass over the states per return.
    constexpr std::size_t kMaxChainStates = 16;
    chaining_ = model_.state_count() <= kMaxChainStates;
    counting_ = countable_ && control.lookahead && control.count_after_backtracks == 0;
    for (std::int32_t cls : crashed_classes_)
      if (model_.always_leaves(cls) >= 0 && model_.only_legal_in(cls) != model_.always_leaves(cls))
        crashed_entering_.push_back(cls);
    for (std::int32_t i = 0; i < n_; ++i) remaining_completed_ += completed(i) ? 1 : 0;
    growing_ = model_.grows();
    for (std::int32_t cls : crashed_classes_)
      if (model_.resets(cls)) crashed_resets_.push_back(cls);
    needing_.assign(model_.state_count(), 0);
    entering_.assign(model_.state_count(), 0);
    if (countable_)
      for (std::int32_t i = 0; i < n_; ++i) account(i, +1);
    state_ = model_.init_state();
    if (remaining_completed_ == 0) return finish(result, SearchStatus::Linearizable);
    enter_node(-1);
  } else if (nodes_.empty()) {
    return finish(result, SearchStatus::NotLinearizable);  // only StepLimit results are resumed
  }
  if (!charge_memory(result)) return finish(result, result.status);
  for (;;) {
    if (steps_ >= next_poll_ && !poll(result)) return finish(result, result.status);
    Node& node = nodes_.back();
    if (node.cursor == node.cand_end) {
      // Every candidate failed or was explored before: backtrack.
      cands_.resize(node.cand_begin);
      cand_next_.resize(node.cand_begin);
      nodes_.pop_back();
      if (nodes_.empty()) return finish(result, SearchStatus::NotLinearizable);
      if (++stuck_backtracks_ >= control.count_after_backtracks) counting_ = countable_ && control.lookahead;
      Node& parent = nodes_.back();
      std::int32_t op = parent.chosen;
      unlift(op);
      clear_bit(pos_[op]);
      zhash_ ^= zobrist_[op];
      state_ = parent.state;
      Frontier& f = completed(op) ? done_ : crashed_;
      f.k = parent.prev_k;
      f.max = parent.prev_max;
      if (completed(op)) ++remaining_completed_;
      valid_prefix_ = std::min(valid_prefix_, nodes_.size() - 1);
      continue;
    }
    std::uint32_t at = node.cursor++;
    std::int32_t op = cands_[at];
    std::int32_t nx = cand_next_[at];

    const std::int32_t pos = pos_[op];
    set_bit(pos);
    Frontier& f = completed(op) ? done_ : crashed_;
    const std::int32_t space_end = completed(op) ? crash_base_ : bit_end_;
    Frontier moved = f;
    if (pos == moved.k) {
      while (moved.k < space_end && bit(moved.k)) ++moved.k;
    }
    moved.max = std::max(moved.max, pos);
    const Frontier& d = completed(op) ? moved : done_;
    const Frontier& c = completed(op) ? crashed_ : moved;
    const std::int32_t before_crashed = completed(op) ? -1 : node.state;
    const std::int32_t key_state = memo_state(before_crashed, nx);
    std::uint64_t z = zhash_ ^ zobrist_[op];
    std::uint64_t h = z ^ mix64(static_cast<std::uint64_t>(static_cast<std::uint32_t>(key_state)) + 0x632be59bd9b4e019ULL);
    if (!cache_.insert(h, key_state, bits_.data(), words(d), words(c))) {
      clear_bit(pos);
      continue;
    }
    if (!charge_memory(result)) return finish(result, result.status);

    node.chosen = op;
    node.prev_k = f.k;
    node.prev_max = f.max;
    lift(op);
    zhash_ = z;
    state_ = nx;
    f = moved;
    if (completed(op)) --remaining_completed_;
    if (nodes_.size() > max_depth_) {
      max_depth_ = nodes_.size();
      stuck_backtracks_ = 0;
      counting_ = countable_ && control.lookahead && control.count_after_backtracks == 0;
      // nodes_.size() is the depth of the child about to be entered.
      nodes_.push_back(Node{});
      nodes_.back().state = state_;
      record_longest();
      nodes_.pop_back();
    }
    if (remaining_completed_ == 0) {
      nodes_.push_back(Node{});
      nodes_.back().state = state_;
      return finish(result, SearchStatus::Linearizable);
    }
    enter_node(before_crashed);
  }
}

PartitionSearch::PartitionSearch(const std::vector<SearchOp>& ops, CompiledModel& model)
    : impl_(std::make_unique<Searcher>(ops, model)) {}

PartitionSearch::~PartitionSearch() = default;

SearchResult PartitionSearch::run(const SearchControl& control) { return impl_->run(control); }

SearchResult search_partition(const std::vector<SearchOp>& ops, CompiledModel& model,
                              const SearchControl& control) {
  return PartitionSearch(ops, model).run(control);
}

}  // namespace faultline::checkers::lin
