#pragma once
// The front end: turns a Faultline/Jepsen history into the operations a model
// checks, one list per partition (per key when keyed, Jepsen `independent`
// style with values [k, v]). Invocations pair with their completions by
// process; failed ops never took effect and are dropped (a failed cas is kept
// as an observation when asked: the value was not `from` at some point); crashed ops (info, or
// no completion at all) become optional ops with no deadline, except crashed
// read-only ops, which can never constrain anything and are dropped.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "checkers/linearizability/model.hpp"
#include "history/op.hpp"

namespace faultline::checkers::lin {

inline constexpr std::int64_t kNever = INT64_MAX;  // return position of a crashed op

struct PreparedOp {
  ModelOp op;
  std::int64_t call = 0;      // position of the invocation in the history
  std::int64_t ret = kNever;  // position of the completion, kNever if crashed
  std::size_t invoke_pos = 0;
  std::size_t complete_pos = SIZE_MAX;  // SIZE_MAX: no completion recorded
};

struct Partition {
  boost::json::value key;       // null when not keyed
  std::vector<PreparedOp> ops;  // sorted by call
};

struct PreparedHistory {
  std::vector<Partition> partitions;
  std::size_t ops = 0;      // ops kept for the search
  std::size_t crashed = 0;  // of which crashed
  std::size_t failed_dropped = 0;
  std::size_t failed_observed = 0;  // failed cas kept as observations
  std::size_t crashed_reads_dropped = 0;
  std::size_t skipped_nemesis = 0;
};

// Throws std::invalid_argument naming the history position and the problem
// (completion without invocation, f the model cannot express, bad [k, v]),
// or, unkeyed, a history whose every read is a [key, v] tuple: checked as one
// register it would mean nothing, so it is refused rather than misread.
PreparedHistory prepare_history(const history::History& history, const Model& model, bool keyed,
                                bool failed_cas_observed = false);

}  // namespace faultline::checkers::lin
