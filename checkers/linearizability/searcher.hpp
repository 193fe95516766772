#pragma once
// The search state of one partition (search.hpp's Searcher), shared by
// search.cpp (candidates, memo, the loop) and search_lookahead.cpp (the dead
// ends found ahead of the search). Only those two include it.
#include <cstdint>
#include <vector>

#include "checkers/linearizability/config_cache.hpp"
#include "checkers/linearizability/flat_map.hpp"
#include "checkers/linearizability/json_hash.hpp"
#include "checkers/linearizability/prepare.hpp"
#include "checkers/linearizability/search.hpp"

namespace faultline::checkers::lin {

// The search state of one partition. The events (calls and returns) of
// completed ops sit in a doubly linked list in history order; linearizing an
// op unlinks both of its events, and backtracking relinks them in reverse
// order (dancing links).
//
// Crashed ops stay out of that list: they have no return, so once called
// they would be scanned at every node until the end of the history. Per
// class they wait in call order, and by reduction (b) only the earliest
// called of a class is ever tried, so the linearized ones of a class are
// always a prefix of its list: a count per class. They are tried after the
// completed candidates, as a valid history rarely needs them, and they get
// their own bit space in the memo (config_cache.hpp) so that a crashed op
// pending since the start does not widen every configuration to the whole
// history.
class Searcher {
 public:
  Searcher(const std::vector<SearchOp>& ops, CompiledModel& model)
      : ops_(ops), model_(model), n_(static_cast<std::int32_t>(ops.size())) {}

  // Runs until a verdict or a limit of `control`; after StepLimit, a call
  // with a higher limit resumes where it stopped.
  SearchResult run(const SearchControl& control);

 private:
  static constexpr std::uint64_t kPollEvery = 4096;
  // Returns looked ahead at by dead_end: more prunes more, each costs a small
  // reachability pass.
  static constexpr int kLookaheadReturns = 8;
  // Returns the counting lookahead looks at (dead_end): each costs O(1).
  static constexpr int kCountReturns = 32;
  // Returns outgrown looks at: each costs a grows_to (a prefix compare).
  static constexpr int kGrowthReturns = 64;

  struct Node {
    std::uint32_t cand_begin = 0;
    std::uint32_t cand_end = 0;
    std::uint32_t cursor = 0;
    std::int32_t state = 0;
    std::int32_t chosen = -1;  // op linearized to reach the next node
    std::int32_t prev_k = 0;   // the Frontier of the chosen op's bit space before it
    std::int32_t prev_max = -1;
  };
  // The first unlinearized and the last linearized bit position of one bit
  // space (completed ops, or crashed ops).
  struct Frontier {
    std::int32_t k = 0;
    std::int32_t max = -1;
  };

  std::int32_t tail() const { return 2 * n_ + 1; }
  bool is_call(std::int32_t event) const { return event <= n_; }
  bool completed(std::int32_t op) const { return ops_[op].ret != kNever; }
  // The earliest called crashed op of class `cls` not linearized yet (the
  // only one of its class tried, by reduction (b)), if it was called by
  // `time`; -1 otherwise.
  std::int32_t crashed_called_by(std::int32_t cls, std::int64_t time) const {
    const auto& pending = crashed_of_[cls];
    const auto t = static_cast<std::size_t>(taken_[cls]);
    return t < pending.size() && ops_[pending[t]].call <= time ? pending[t] : -1;
  }
  bool bit(std::int32_t pos) const { return (bits_[pos >> 6] >> (pos & 63)) & 1; }
  void set_bit(std::int32_t pos) { bits_[pos >> 6] |= 1ULL << (pos & 63); }
  void clear_bit(std::int32_t pos) { bits_[pos >> 6] &= ~(1ULL << (pos & 63)); }
  // The words holding a space's bits from its first unlinearized `f.k` to its
  // last linearized `f.max`. When max < k the word of k - 1 is still kept
  // (unless k starts a word, where the base alone tells k): it says where k is.
  static ConfigCache::Range words(const Frontier& f) {
    const std::int32_t base = f.k >> 6;
    const std::int32_t last = f.max >= 0 ? f.max >> 6 : -1;
    return {static_cast<std::uint32_t>(base), static_cast<std::uint32_t>(last >= base ? last - base + 1 : 0)};
  }

  void build_list();
  void lift(std::int32_t op);
  void unlift(std::int32_t op);
  void enter_node(std::int32_t before_crashed);
  bool needs(std::int32_t before, std::int32_t cls, std::int32_t nx) {
    return model_.next(before, cls) != nx;
  }
  bool some_op_needs(std::int32_t before, std::int32_t after);
  std::int32_t memo_state(std::int32_t before_crashed, std::int32_t state);
  void order_candidates(const Node& node, std::int32_t first_return);
  void enabled_class(std::int32_t cls);
  bool can_become_legal(std::int32_t goal);
  bool dead_end(std::int32_t first_return);
  bool outgrown(std::int32_t first_return);
  void count_entry(std::int32_t cls);
  void touch_count(std::int32_t state);
  bool too_few_entries(std::int32_t cls, std::int64_t ret);
  bool short_of_entries(std::int32_t state, std::int64_t ret, std::int32_t due);
  bool chain_too_long(const SearchOp& op);
  void account(std::int32_t op, std::int32_t delta);
  bool stranded(std::int32_t left) const;
  void record_longest();
  bool poll(SearchResult& result);
  bool charge_memory(SearchResult& result);
  SearchResult finish(SearchResult& result, SearchStatus status);
  std::size_t bytes_held() const;

  const std::vector<SearchOp>& ops_;
  CompiledModel& model_;
  const SearchControl* control_ = nullptr;
  const std::int32_t n_;
  bool started_ = false;
  std::size_t max_depth_ = 0;

  std::vector<std::int32_t> next_, prev_;
  std::vector<std::uint64_t> bits_;  // completed ops at [0, n_completed), crashed ops from crash_base_
  std::vector<std::int32_t> pos_;    // op -> bit position
  std::int32_t crash_base_ = 0;      // word-aligned start of the crashed bit space
  std::int32_t bit_end_ = 0;         // one past the last crashed bit position
  // Crashed ops by class, in call order; classes in order of their first call.
  std::vector<std::vector<std::int32_t>> crashed_of_;
  std::vector<std::int32_t> crashed_classes_;
  std::vector<std::int32_t> taken_;  // per class: how many of crashed_of_ are linearized
  std::vector<std::uint64_t> zobrist_;
  std::vector<Node> nodes_;
  std::vector<std::int32_t> cands_, cand_next_;
  struct Ranked {
    std::int64_t key;
    std::int32_t op, next;
  };
  std::vector<Ranked> ranked_;  // order_candidates' scratch
  // can_become_legal's: the classes of the ops enabled at this node, the
  // states reached from it.
  std::vector<std::int32_t> enabled_, reach_;
  std::vector<std::uint32_t> enabled_stamp_, reach_seen_;
  std::uint32_t reach_stamp_ = 0;
  std::vector<std::uint32_t> class_stamp_, class_pos_;
  // A model whose state only grows under some ops (Model::resets): outgrown
  // applies; the crashed classes that may reset.
  bool growing_ = false;
  std::vector<std::int32_t> crashed_resets_;
  std::vector<std::int32_t> reset_to_;  // outgrown's: states the resets it met leave
  // The counting lookahead's (dead_end), per state id, valid when their
  // stamp is stamp_: ops that may enter the state, ops due that must leave it.
  bool counting_ = false;   // while stuck (stuck_backtracks_), for models that allow it
  bool countable_ = false;  // the model says where its ops are legal and what they leave
  std::uint64_t stuck_backtracks_ = 0;
  std::vector<std::int32_t> entries_, leaves_;
  // The chain of ops needing a state, each after an op leaving it (dead_end).
  std::vector<std::int32_t> chain_len_;
  std::vector<std::int64_t> chain_last_;
  std::vector<bool> chain_wants_away_;
  bool chaining_ = false;
  std::vector<std::uint32_t> count_stamp_;
  std::vector<std::int32_t> crashed_entering_;  // crashed classes that may enter some state
  // Per state id, over the ops not linearized yet (stranded): completed ops
  // legal only in it, and ops that may enter it.
  std::vector<std::int32_t> needing_, entering_;
  std::vector<std::uint32_t> needed_stamp_;  // some_op_needs' answers at this node
  std::vector<bool> needed_;
  FlatU64Map after_crash_ids_;  // (state before a crashed op, state after) -> memo state id < 0
  std::int32_t after_crash_count_ = 0;
  std::uint32_t stamp_ = 0;
  ConfigCache cache_;

  std::int32_t state_ = 0;
  std::uint64_t zhash_ = 0;
  Frontier done_;     // completed ops' bit space
  Frontier crashed_;  // crashed ops' bit space, positions from crash_base_
  std::int32_t remaining_completed_ = 0;
  std::uint64_t steps_ = 0;
  std::uint64_t next_poll_ = kPollEvery;
  std::int64_t charged_bytes_ = 0;

  std::vector<std::int32_t> longest_, longest_states_;
  std::size_t valid_prefix_ = 0;  // longest_[0, valid_prefix_) still equals the current path
};

}  // namespace faultline::checkers::lin
