#pragma once
// The exact search for one partition: Wing & Gong's backtracking with Lowe's
// just-in-time linearization and memo (WGL, as in Porcupine), over interned
// states, with two sound reductions (reference §5.4):
//  (a) an enabled read-only op that is legal now is linearized without
//      branching — moving it to the front of any valid completion keeps it
//      valid, because no remaining op returned before it was invoked;
//  (b) among enabled ops of the same class (f, input, output), only the one
//      returning first is tried — swapping two identical ops keeps every
//      state, and the earlier return only relaxes real-time constraints.
// Crashed ops have no return, so they never block the search and it succeeds
// once every completed op is linearized ("took effect later, or never"); and
// a crashed op is only linearized right before an op that needs it (just in
// time; search.cpp, enter_node, has the proof).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <vector>

#include "checkers/linearizability/compiled_model.hpp"

namespace faultline::checkers::lin {

struct SearchOp {
  std::int64_t call = 0;
  std::int64_t ret = 0;  // kNever (prepare.hpp) when crashed
  std::int32_t cls = 0;  // CompiledModel class id
};

// Which candidates the search tries first (search.cpp, order_candidates):
// no effect on verdicts, only on how many dead ends it meets on the way.
enum class SearchOrder : std::uint8_t { ByCall, ByReturn };

// Shared between the partitions of one check.
struct SearchControl {
  const std::atomic<bool>* cancel = nullptr;
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
  std::atomic<std::int64_t>* memory_used = nullptr;  // bytes held by all running searches
  std::int64_t memory_limit = INT64_MAX;
  std::uint64_t max_steps = UINT64_MAX;  // StepLimit after this many (a first, cheap attempt)
  SearchOrder order = SearchOrder::ByCall;
  // Prune a node when one of the next returning ops can become legal by no
  // sequence of the ops that may precede it, or, for registers, when the ops
  // due soon need their value entered more often than the ops called by
  // then can enter it (search.cpp, dead_end). Sound,
  // and it saves most dead ends where many processes overlap; off, the
  // longest linearizable prefix (the counterexample) reaches further.
  bool lookahead = false;
  // The counting part of the lookahead runs once the search has backtracked
  // this often without reaching further (and until it does): it only pays
  // where wrong choices are being made, and costs a scan per node.
  std::uint64_t count_after_backtracks = 64;

  // Cancelled or past the deadline: what the refuters poll (the search tells
  // the two apart, for its status).
  bool stopped() const {
    return (cancel && cancel->load(std::memory_order_relaxed)) || std::chrono::steady_clock::now() >= deadline;
  }
};

enum class SearchStatus { Linearizable, NotLinearizable, Cancelled, OutOfTime, OutOfMemory, StepLimit };

struct SearchResult {
  SearchStatus status = SearchStatus::Cancelled;
  std::uint64_t steps = 0;     // candidate transitions evaluated
  std::size_t configs = 0;     // configurations memoised
  std::size_t peak_bytes = 0;  // memo + model tables at the end
  std::size_t max_depth = 0;
  // The longest linearizable prefix found (op ids, sorted-by-call order) and
  // the model state after each; the whole linearization when Linearizable.
  std::vector<std::int32_t> longest;
  std::vector<std::int32_t> longest_states;
};

class Searcher;

// One partition's search, which can be resumed: run() with a max_steps ends
// StepLimit when it gets there, and a later run() with a higher limit (or a
// different order, for the nodes it has yet to enter) goes on from there,
// keeping the memo. `ops` and `model` must outlive it.
class PartitionSearch {
 public:
  PartitionSearch(const std::vector<SearchOp>& ops, CompiledModel& model);
  ~PartitionSearch();
  SearchResult run(const SearchControl& control);

 private:
  std::unique_ptr<Searcher> impl_;
};

// `ops` must be sorted by call; calls and returns are distinct history positions.
SearchResult search_partition(const std::vector<SearchOp>& ops, CompiledModel& model,
                              const SearchControl& control);

}  // namespace faultline::checkers::lin
