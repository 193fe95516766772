#pragma once
// Expanding a scenario's nemesis schedule into the run's fault timeline: a
// sorted list of start and stop events with every random choice made up
// front from the seed, so `--seed` replays the same faults on the same nodes
// at the same times.
#include <cstdint>
#include <string>
#include <vector>

#include "nemesis/fault_event.hpp"
#include "nemesis/fault_spec.hpp"

namespace faultline::nemesis {

// Entry kinds:
//  At:     one window [at, at + for).
//  Every:  windows starting at at + k*every + j_k for k = 0, 1, ... while
//          at + k*every < time_limit; j_k is uniform in [-jitter, +jitter] and
//          the start is clamped to >= 0. Each lasts `for`.
//  Random: from `at`, repeatedly wait an interval drawn from
//          [interval_min, interval_max], pick a fault from the pool and a
//          duration from [for_min, for_max]. When max_concurrent windows of
//          the entry are still active the start is delayed until one ends.
// Window length by kind: kill lasts restart_after if set, else `for` (its
// stop is the restart, carrying `wipe`); restart has zero length (start and
// stop at the same instant); every other kind lasts `for` and its stop heals.
// Windows are cut at time_limit (the final heal); a window that would start
// at or after time_limit is dropped. Fault ids are 1, 2, ... in start order.
//
// Each entry draws from its own substream of history::make_rng(seed,
// "nemesis"), so editing one entry never changes another's draws.
//
// Throws std::invalid_argument, prefixed with the entry's `where`, for a
// schedule that cannot be expanded (non-positive `every`, an empty pool, a
// window that would last zero time, bad intervals, more than 100,000 windows
// in all, as `every: 1us` over 10 s would open) or a fault the resolver
// rejects.
std::vector<FaultEvent> build_timeline(const std::vector<ScheduleEntry>& entries,
                                       const std::vector<std::string>& nodes, std::uint64_t seed,
                                       Nanos time_limit);

boost::json::array timeline_to_json(const std::vector<FaultEvent>& timeline);

}  // namespace faultline::nemesis
