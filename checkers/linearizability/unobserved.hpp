#pragma once
// Sound reductions for models with value effects (Model::value_effect:
// registers), around values that no op of the partition needs (no read of
// them, no cas from them). In such a model an op can tell two states apart
// only by needing one of them, so all unneeded values are one state as far
// as any op can see:
//  - a crashed op that leaves an unneeded value is dropped: in any
//    linearization that has it, the op right after it must be legal in an
//    unneeded state, so it needs nothing and sets its own state; without
//    the crashed op it is just as legal and every later state the same;
//  - a completed op that leaves an unneeded value leaves kUnobserved
//    instead (Model::leaving), so writes of values no one reads become one
//    op class: the search tries them in return order only (search.hpp,
//    reduction (b)) instead of every subset of them that overlaps.
// With unique written values these are most crashed and many completed
// writes, each of which multiplied the configurations the search could meet.
// Not applied unless every op of the partition has a value effect (a failed
// cas kept as an observation has none), or when kUnobserved is itself needed.
#include <boost/json.hpp>
#include <vector>

#include "checkers/linearizability/model.hpp"
#include "checkers/linearizability/prepare.hpp"

namespace faultline::checkers::lin {

// The value that stands for every unneeded one (what a counterexample shows
// as the state after such a write).
inline constexpr const char* kUnobserved = "(a value no op reads)";

struct Unobserved {
  std::vector<bool> drop;                  // per op: crashed, leaves an unneeded value
  std::vector<std::optional<ModelOp>> as;  // per op: the op the search sees instead, if rewritten
  std::size_t dropped = 0, rewritten = 0;
};

Unobserved find_unobserved(const std::vector<PreparedOp>& ops, const Model& model);

}  // namespace faultline::checkers::lin
