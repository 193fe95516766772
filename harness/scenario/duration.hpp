#pragma once
// Durations as scenarios write them: "1.5s", "200ms", "2m", or a bare number
// meaning seconds. Units: ns, us, ms, s, m, h.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace faultline::harness {

using Nanos = std::chrono::nanoseconds;

// On failure returns nullopt and sets `*error` to what is wrong.
std::optional<Nanos> parse_duration(std::string_view text, std::string* error);

// "A..B" (each side a duration) or a single duration meaning A == B.
std::optional<std::pair<Nanos, Nanos>> parse_duration_range(std::string_view text, std::string* error);

// Exact, in the largest unit that divides it: "1500ms", "2m", "0s".
std::string format_duration(Nanos d);

inline constexpr std::string_view kDurationUnits = "ns, us, ms, s, m, h (a bare number is seconds)";

}  // namespace faultline::harness
