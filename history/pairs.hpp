#pragma once
// Pairs each invocation with its completion. Jepsen processes are
// single-threaded, so an invoke's completion is simply the next non-invoke op
// of the same process.
#include <cstdint>
#include <vector>

#include "history/op.hpp"

namespace faultline::history {

// For each position holding an invoke: the position of its completion, or -1
// if it never completed. Other positions (completions, nemesis ops) get -1.
// O(n).
std::vector<std::int64_t> completion_of(const History& history);

// For each position holding a completion: the position of its invoke, or -1
// (a completion with no open invoke, or a nemesis op). Invokes get -1. O(n).
std::vector<std::int64_t> invocation_of(const History& history);

}  // namespace faultline::history
