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
#include <cstdint>
#include <vector>

#include "checkers/linearizability/compiled_model.hpp"

namespace faultline::checkers::lin {

// The value that stands for every unneeded one (what the search's states
// show after such a write; counterexamples replay the real ops).
inline constexpr const char* kUnobserved = "(a value no op reads)";

inline constexpr std::int32_t kDropped = -1;

// Per class of `model` (all of one partition's ops interned): the class the
// search uses instead (itself, or one interned here that leaves kUnobserved)
// or kDropped. Empty when the reductions do not apply.
std::vector<std::int32_t> unobserved_classes(CompiledModel& model);

}  // namespace faultline::checkers::lin
