#pragma once
// Refutations that finish (reference §5.5): sound shortcuts that prove a
// partition not linearizable without the exponential search, with a small
// counterexample. Both rest on S, the states the model can reach from its
// initial state by applying the partition's ops in any order and any number
// of times (a superset of every state a linearization passes through):
//  - unreachable: a completed op legal in no state of S (a read of a value
//    no write ever wrote) can never take effect;
//  - window: a stretch of the history, from a cut to an op's return, that
//    no order explains from any state of S. Ops wholly inside are required;
//    ops crossing an edge may take effect inside or not at all; ops that
//    crashed before the cut may take effect any number of times (an
//    over-approximation, so a refutation stays sound).
// When S is too big to build (unique values), registers still get the
// stale-read refuter (stale_read.hpp), and append-only strings the
// shrunk-read refuter (shrunk_read.hpp); neither needs S.
// None ever says "linearizable": when they find nothing the exact search
// decides. They give up (find nothing) when S is large (unique values) or a
// window is wide; the limits keep their cost small next to the search's.
#include <cstdint>
#include <vector>

#include "checkers/linearizability/compiled_model.hpp"
#include "checkers/linearizability/search.hpp"
#include "checkers/linearizability/shrunk_read.hpp"
#include "checkers/linearizability/stale_read.hpp"

namespace faultline::checkers::lin {

enum class RefutationKind : std::uint8_t { None, Unreachable, Window, StaleRead, ShrunkRead };

struct Refutation {
  RefutationKind kind = RefutationKind::None;
  std::int32_t stuck = -1;              // the op that cannot take effect (an op id)
  std::vector<std::int32_t> window;     // op ids of the refuting window, by call
  std::vector<std::int32_t> reachable;  // S, as CompiledModel state ids (empty if it was too big)
  std::vector<StaleRead::Overwrite> overwritten;  // StaleRead: each bringer of the value and what overwrote it
  std::vector<std::int32_t> later;                // StaleRead: bringers invoked after the stuck op returned
  std::int32_t before = -1;             // ShrunkRead: the op before the stuck one that pins the state
  std::vector<std::int32_t> resets;     // ShrunkRead: the puts that might have come between
  std::uint64_t steps = 0;              // model transitions looked at
  bool decided = false;                 // it gave the verdict (no search reached one)
};

// `ops` sorted by call, as search_partition takes them. `windows` false runs
// only the unreachable and stale-read checks (cheap: |S| x distinct op
// classes, and O(n log n)).
Refutation refute_partition(const std::vector<SearchOp>& ops, CompiledModel& model,
                            const SearchControl& control, bool windows);

}  // namespace faultline::checkers::lin
