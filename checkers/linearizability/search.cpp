#include "checkers/linearizability/search.hpp"

#include <algorithm>

#include "checkers/linearizability/config_cache.hpp"
#include "checkers/linearizability/json_hash.hpp"
#include "checkers/linearizability/prepare.hpp"

namespace faultline::checkers::lin {
namespace {

constexpr std::uint64_t kPollEvery = 4096;

// The search state of one partition. Events (calls and returns) sit in a
// doubly linked list in history order; linearizing an op unlinks both of its
// events, and backtracking relinks them in reverse order (dancing links).
class Searcher {
 public:
  Searcher(const std::vector<SearchOp>& ops, CompiledModel& model, const SearchControl& control)
      : ops_(ops), model_(model), control_(control), n_(static_cast<std::int32_t>(ops.size())) {}

  SearchResult run();

 private:
  struct Node {
    std::uint32_t cand_begin = 0;
    std::uint32_t cand_end = 0;
    std::uint32_t cursor = 0;
    std::int32_t state = 0;
    std::int32_t chosen = -1;  // op linearized to reach the next node
    std::int32_t prev_k = 0;
    std::int32_t prev_max = -1;
  };

  std::int32_t tail() const { return 2 * n_ + 1; }
  bool is_call(std::int32_t event) const { return event <= n_; }
  bool completed(std::int32_t op) const { return ops_[op].ret != kNever; }
  bool linearized(std::int32_t op) const { return (bits_[op >> 6] >> (op & 63)) & 1; }

  void build_list();
  void lift(std::int32_t op);
  void unlift(std::int32_t op);
  void enter_node();
  void record_longest();
  bool poll(SearchResult& result);
  bool charge_memory(SearchResult& result);

  const std::vector<SearchOp>& ops_;
  CompiledModel& model_;
  const SearchControl& control_;
  const std::int32_t n_;

  std::vector<std::int32_t> next_, prev_;
  std::vector<std::uint64_t> bits_;
  std::vector<std::uint64_t> zobrist_;
  std::vector<Node> nodes_;
  std::vector<std::int32_t> cands_, cand_next_;
  std::vector<std::uint32_t> class_stamp_, class_pos_;
  std::uint32_t stamp_ = 0;
  ConfigCache cache_;

  std::int32_t state_ = 0;
  std::uint64_t zhash_ = 0;
  std::int32_t k_ = 0;     // first unlinearized op
  std::int32_t max_ = -1;  // last linearized op
  std::int32_t remaining_completed_ = 0;
  std::uint64_t steps_ = 0;
  std::uint64_t next_poll_ = kPollEvery;
  std::int64_t charged_bytes_ = 0;

  std::vector<std::int32_t> longest_, longest_states_;
  std::size_t valid_prefix_ = 0;  // longest_[0, valid_prefix_) still equals the current path
};

void Searcher::build_list() {
  struct Event {
    std::int64_t time;
    std::int32_t id;
  };
  std::vector<Event> events;
  events.reserve(2 * ops_.size());
  for (std::int32_t i = 0; i < n_; ++i) {
    events.push_back({ops_[i].call, i + 1});
    if (completed(i)) events.push_back({ops_[i].ret, n_ + 1 + i});
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
  std::int32_t call = op + 1;
  next_[prev_[call]] = next_[call];
  prev_[next_[call]] = prev_[call];
  if (completed(op)) {
    std::int32_t ret = n_ + 1 + op;
    next_[prev_[ret]] = next_[ret];
    prev_[next_[ret]] = prev_[ret];
  }
}

void Searcher::unlift(std::int32_t op) {
  if (completed(op)) {
    std::int32_t ret = n_ + 1 + op;
    next_[prev_[ret]] = ret;
    prev_[next_[ret]] = ret;
  }
  std::int32_t call = op + 1;
  next_[prev_[call]] = call;
  prev_[next_[call]] = call;
}

// Collects the ops that may be linearized next: every call before the first
// return in the list, legal in the current state, one per class (b), or just
// one legal read-only op when there is any (a).
void Searcher::enter_node() {
  Node node;
  node.state = state_;
  node.cand_begin = static_cast<std::uint32_t>(cands_.size());
  ++stamp_;
  for (std::int32_t e = next_[0]; e != tail() && is_call(e); e = next_[e]) {
    std::int32_t op = e - 1;
    std::int32_t cls = ops_[op].cls;
    ++steps_;
    std::int32_t nx = model_.next(state_, cls);
    if (nx == CompiledModel::kIllegal) continue;
    if (model_.read_only(cls)) {
      cands_.resize(node.cand_begin);
      cand_next_.resize(node.cand_begin);
      cands_.push_back(op);
      cand_next_.push_back(nx);
      break;
    }
    if (class_stamp_[cls] != stamp_) {
      class_stamp_[cls] = stamp_;
      class_pos_[cls] = static_cast<std::uint32_t>(cands_.size());
      cands_.push_back(op);
      cand_next_.push_back(nx);
    } else if (ops_[op].ret < ops_[cands_[class_pos_[cls]]].ret) {
      cands_[class_pos_[cls]] = op;
    }
  }
  node.cand_end = static_cast<std::uint32_t>(cands_.size());
  node.cursor = node.cand_begin;
  nodes_.push_back(node);
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
  if (control_.cancel && control_.cancel->load(std::memory_order_relaxed)) {
    result.status = SearchStatus::Cancelled;
    return false;
  }
  if (steps_ >= control_.max_steps) {
    result.status = SearchStatus::StepLimit;
    return false;
  }
  if (std::chrono::steady_clock::now() >= control_.deadline) {
    result.status = SearchStatus::OutOfTime;
    return false;
  }
  return true;
}

bool Searcher::charge_memory(SearchResult& result) {
  auto bytes = static_cast<std::int64_t>(cache_.bytes() + model_.bytes());
  if (bytes == charged_bytes_ || !control_.memory_used) return true;
  std::int64_t total = control_.memory_used->fetch_add(bytes - charged_bytes_) + (bytes - charged_bytes_);
  charged_bytes_ = bytes;
  if (total > control_.memory_limit) {
    result.status = SearchStatus::OutOfMemory;
    return false;
  }
  return true;
}

SearchResult Searcher::run() {
  SearchResult result;
  build_list();
  bits_.assign(static_cast<std::size_t>(n_) / 64 + 1, 0);
  zobrist_.resize(n_);
  for (std::int32_t i = 0; i < n_; ++i) zobrist_[i] = mix64(0x9e3779b97f4a7c15ULL * (i + 1));
  class_stamp_.assign(model_.class_count(), 0);
  class_pos_.assign(model_.class_count(), 0);
  for (std::int32_t i = 0; i < n_; ++i) remaining_completed_ += completed(i) ? 1 : 0;
  state_ = model_.init_state();

  auto finish = [&](SearchStatus status) {
    if (status == SearchStatus::Linearizable && !nodes_.empty()) record_longest();
    result.status = status;
    result.steps = steps_;
    result.configs = cache_.size();
    result.peak_bytes = cache_.bytes() + model_.bytes();
    result.longest = std::move(longest_);
    result.longest_states = std::move(longest_states_);
    if (control_.memory_used) control_.memory_used->fetch_sub(charged_bytes_);
    return result;
  };

  if (remaining_completed_ == 0) return finish(SearchStatus::Linearizable);
  enter_node();
  for (;;) {
    if (steps_ >= next_poll_ && !poll(result)) return finish(result.status);
    Node& node = nodes_.back();
    if (node.cursor == node.cand_end) {
      // Every candidate failed or was explored before: backtrack.
      cands_.resize(node.cand_begin);
      cand_next_.resize(node.cand_begin);
      nodes_.pop_back();
      if (nodes_.empty()) return finish(SearchStatus::NotLinearizable);
      Node& parent = nodes_.back();
      std::int32_t op = parent.chosen;
      unlift(op);
      bits_[op >> 6] &= ~(1ULL << (op & 63));
      zhash_ ^= zobrist_[op];
      state_ = parent.state;
      k_ = parent.prev_k;
      max_ = parent.prev_max;
      if (completed(op)) ++remaining_completed_;
      valid_prefix_ = std::min(valid_prefix_, nodes_.size() - 1);
      continue;
    }
    std::uint32_t at = node.cursor++;
    std::int32_t op = cands_[at];
    std::int32_t nx = cand_next_[at];

    bits_[op >> 6] |= 1ULL << (op & 63);
    std::int32_t k = k_;
    if (op == k) {
      while (k < n_ && linearized(k)) ++k;
    }
    std::int32_t max = std::max(max_, op);
    std::uint64_t z = zhash_ ^ zobrist_[op];
    std::uint64_t h = z ^ mix64(static_cast<std::uint64_t>(nx) + 0x632be59bd9b4e019ULL);
    auto base = static_cast<std::uint32_t>(k >> 6);
    std::uint32_t last = max >= 0 ? static_cast<std::uint32_t>(max >> 6) : 0;
    std::uint32_t nwords = (max >= 0 && last >= base) ? last - base + 1 : 0;
    if (!cache_.insert(h, nx, bits_.data(), base, nwords)) {
      bits_[op >> 6] &= ~(1ULL << (op & 63));
      continue;
    }
    if (!charge_memory(result)) return finish(result.status);

    node.chosen = op;
    node.prev_k = k_;
    node.prev_max = max_;
    lift(op);
    zhash_ = z;
    state_ = nx;
    k_ = k;
    max_ = max;
    if (completed(op)) --remaining_completed_;
    if (nodes_.size() > result.max_depth) {
      result.max_depth = nodes_.size();
      // nodes_.size() is the depth of the child about to be entered.
      nodes_.push_back(Node{});
      nodes_.back().state = state_;
      record_longest();
      nodes_.pop_back();
    }
    if (remaining_completed_ == 0) {
      nodes_.push_back(Node{});
      nodes_.back().state = state_;
      return finish(SearchStatus::Linearizable);
    }
    enter_node();
  }
}

}  // namespace

SearchResult search_partition(const std::vector<SearchOp>& ops, CompiledModel& model,
                              const SearchControl& control) {
  Searcher searcher(ops, model, control);
  return searcher.run();
}

}  // namespace faultline::checkers::lin
