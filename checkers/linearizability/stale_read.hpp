#pragma once
// The stale-read refuter (reference §5.6, the register case of Gibbons &
// Korach's read-mapping and Golab et al.'s zones): for models whose ops need
// and leave values given by the op alone (Model::value_effect: registers),
// an op that needs value v (a read of v, a cas from v) is impossible when
//  - no op can leave v and the model does not start at v, or
//  - every op that can bring v (a write of v, a cas to v; the initial state
//    when it is v) that may precede it is followed, strictly in real time, by
//    a completed op that leaves some other value (a write, a cas, a read of
//    another value) which itself returned before the op was invoked.
// Why this is sound: in any linearization, take the last op that brought v
// before the stuck op; an op forced between the two leaves the state not v,
// and only a later bringer could restore it. A crashed bringer has no return,
// so nothing is ever forced after it: a crashed write of v never refutes.
//
// Unlike the window refuter it needs no set of reachable states, so it works
// with unique written values (where that set is as large as the history),
// in O(n log n), and its counterexample is the stuck op plus, per bringer,
// that bringer and the op that overwrote it: 3 ops when values are unique.
// It gives up on a value brought by more than kMaxBringers ops (a narrow
// value range: there the window refuter's reachable set is small instead).
#include <cstdint>
#include <vector>

#include "checkers/linearizability/compiled_model.hpp"
#include "checkers/linearizability/search.hpp"

namespace faultline::checkers::lin {

inline constexpr std::size_t kMaxBringers = 8;

struct StaleRead {
  std::int32_t stuck = -1;  // op id (sorted by call); -1: none found
  // Per bringer of the value the stuck op needs: the bringer (-1: the
  // initial state) and the completed op that overwrote it before the stuck
  // op was invoked. Empty when nothing ever brings that value.
  struct Overwrite {
    std::int32_t bringer;
    std::int32_t by;
  };
  std::vector<Overwrite> overwritten;
  std::vector<std::int32_t> later;  // bringers invoked only after the stuck op returned
  std::uint64_t steps = 0;  // ops and tree nodes looked at
};

// `ops` sorted by call, as search_partition takes them. Finds the stuck op
// that returns first, or none (also when the model has no value effects).
StaleRead find_stale_read(const std::vector<SearchOp>& ops, CompiledModel& model, const SearchControl& control);

}  // namespace faultline::checkers::lin
