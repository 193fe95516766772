#pragma once
// The shrunk-read refuter, for growth models (Model::resets and grows_to:
// Porcupine's append-only strings). Two ops that pin the state, g1 strictly
// before g2 in real time (g1 returned before g2 was invoked), where g1 is a
// get of v1 or a put of v1 and g2 a get of v2: at g2 the state is v1 grown
// by appends, or some put's value grown, where that put may fall between
// them (invoked before g2 returned, returned after g1 was invoked, or
// crashed). When neither grows to v2 (v1 = "ab", v2 = "a", and no put
// between starts what g2 saw), no linearization exists.
//
// It needs no set of reachable states (the window refuter's S, as large as
// the history with unique appended values) and no search; its
// counterexample is g1, g2 and the puts that could have come between.
// Each get is paired with the kAnchors ops that pin the state and returned
// last before it was invoked; a pair with more than kMaxResets puts in
// between is skipped (finding nothing is always sound).
#include <cstdint>
#include <vector>

#include "checkers/linearizability/compiled_model.hpp"
#include "checkers/linearizability/search.hpp"

namespace faultline::checkers::lin {

struct ShrunkRead {
  std::int32_t stuck = -1;           // g2, an op id (sorted by call); -1: none found
  std::int32_t before = -1;          // g1
  std::vector<std::int32_t> resets;  // the puts that might have come between, none growing to g2's value
  std::uint64_t steps = 0;           // pairs and puts looked at
};

// `ops` sorted by call, as search_partition takes them. Finds the stuck get
// that returns first, or none (also when the model is not a growth model).
ShrunkRead find_shrunk_read(const std::vector<SearchOp>& ops, CompiledModel& model,
                            const SearchControl& control);

}  // namespace faultline::checkers::lin
