#pragma once
// Small text helpers shared by the report writers: escaping (from checkers/) and the compact
// number/JSON formats a reader can scan.
#include <boost/json.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "checkers/html_escape.hpp"

namespace faultline::harness::report {

// The one HTML escape (checkers/html_escape.hpp), by its short name here.
using checkers::append_escaped;
using checkers::escape;

// Compact JSON, cut to `max_chars` with an ellipsis so one huge read result
// never dominates a table cell.
std::string json_preview(const boost::json::value& value, std::size_t max_chars = 120);

// Nanoseconds as a short human duration: "830 ns", "12.4 ms", "3.20 s".
std::string format_duration_ns(double ns);
// Seconds since run start with millisecond precision: "12.345 s".
std::string format_time_s(std::int64_t ns);
// 1234567 -> "1,234,567".
std::string format_count(std::int64_t n);

// Key of a checker detail with '_' folded to '-', lower case, so "lost_count"
// and "lost-count" read the same.
std::string normalize_key(std::string_view key);

}  // namespace faultline::harness::report
