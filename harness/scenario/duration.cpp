#include "harness/scenario/duration.hpp"

#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>

#include "harness/scenario/scalars.hpp"

namespace faultline::harness {

namespace {

struct Unit {
  std::string_view suffix;
  std::int64_t nanos;
};

// Longest suffixes first so "ms" is not read as "m" + garbage.
constexpr Unit kUnits[] = {{"ns", 1},
                           {"us", 1'000},
                           {"ms", 1'000'000},
                           {"s", 1'000'000'000},
                           {"m", 60'000'000'000},
                           {"h", 3'600'000'000'000}};

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<Nanos> parse_duration(std::string_view text, std::string* error) {
  const std::string_view original = text;
  text = trim(text);
  std::int64_t unit = 1'000'000'000;  // bare numbers are seconds
  for (const auto& u : kUnits) {
    if (text.size() > u.suffix.size() && text.ends_with(u.suffix)) {
      const char before = text[text.size() - u.suffix.size() - 1];
      if (std::isdigit(static_cast<unsigned char>(before)) || before == '.' || before == ' ') {
        unit = u.nanos;
        text = trim(text.substr(0, text.size() - u.suffix.size()));
        break;
      }
    }
  }
  const auto number = parse_double(text);
  if (!number) {
    if (error) *error = "'" + std::string(original) + "' is not a duration (e.g. 1.5s, 200ms, 2m)";
    return std::nullopt;
  }
  if (*number < 0) {
    if (error) *error = "duration '" + std::string(original) + "' is negative";
    return std::nullopt;
  }
  // long double keeps "0.1s" exact to the nanosecond after rounding.
  const long double ns = static_cast<long double>(*number) * static_cast<long double>(unit);
  if (ns > static_cast<long double>(std::numeric_limits<std::int64_t>::max())) {
    if (error) *error = "duration '" + std::string(original) + "' is too long";
    return std::nullopt;
  }
  return Nanos{static_cast<std::int64_t>(std::llround(ns))};
}

std::optional<std::pair<Nanos, Nanos>> parse_duration_range(std::string_view text, std::string* error) {
  const auto dots = text.find("..");
  if (dots == std::string_view::npos) {
    auto single = parse_duration(text, error);
    if (!single) return std::nullopt;
    return std::pair{*single, *single};
  }
  auto low = parse_duration(text.substr(0, dots), error);
  if (!low) return std::nullopt;
  auto high = parse_duration(text.substr(dots + 2), error);
  if (!high) return std::nullopt;
  if (*high < *low) {
    if (error) *error = "range '" + std::string(text) + "' ends before it starts (write LOW..HIGH)";
    return std::nullopt;
  }
  return std::pair{*low, *high};
}

std::string format_duration(Nanos d) {
  const std::int64_t ns = d.count();
  if (ns == 0) return "0s";
  // Pick the largest unit that divides exactly, else fall back to fractional seconds.
  for (auto it = std::rbegin(kUnits); it != std::rend(kUnits); ++it)
    if (ns % it->nanos == 0) return std::to_string(ns / it->nanos) + std::string(it->suffix);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.9g", static_cast<double>(ns) / 1e9);
  return std::string(buffer) + "s";
}

}  // namespace faultline::harness
