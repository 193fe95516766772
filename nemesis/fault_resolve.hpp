#pragma once
// Resolving one FaultSpec into the concrete fault a window applies: its
// targets, grudge or links drawn now from the schedule's seeded stream, so a
// replayed seed applies the very same fault.
#include <string>
#include <vector>

#include "history/seed.hpp"
#include "nemesis/fault_event.hpp"
#include "nemesis/fault_spec.hpp"

namespace faultline::nemesis {

// A start event without time or id (the schedule sets at, started, fault_id).
// Throws std::invalid_argument for an unknown kind, a probability outside
// [0, 1], a negative latency, a network fault that selects no link, and
// whatever the selectors and shapes reject.
FaultEvent resolve_fault(const FaultSpec& spec, const std::vector<std::string>& nodes, history::Rng& rng);

// "50ms", "1.5s", "250us": for descriptions.
std::string format_duration(Nanos d);

}  // namespace faultline::nemesis
