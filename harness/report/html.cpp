#include "harness/report/html.hpp"

#include <fmt/format.h>
#include <cctype>
#include <cmath>

#include "harness/runtime/json_text.hpp"

namespace faultline::harness::report {

std::string json_preview(const boost::json::value& value, std::size_t max_chars) {
  std::string text = json_text(value);
  if (text.size() > max_chars) {
    // Never cut a UTF-8 sequence in half.
    std::size_t cut = max_chars;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text.resize(cut);
    text += "…";
  }
  return text;
}

std::string format_duration_ns(double ns) {
  if (!std::isfinite(ns)) return "?";
  const double a = std::fabs(ns);
  if (a < 1e3) return fmt::format("{:.0f} ns", ns);
  if (a < 1e6) return fmt::format("{:.1f} µs", ns / 1e3);
  if (a < 1e9) return fmt::format("{:.1f} ms", ns / 1e6);
  return fmt::format("{:.2f} s", ns / 1e9);
}

std::string format_time_s(std::int64_t ns) { return fmt::format("{:.3f} s", static_cast<double>(ns) / 1e9); }

std::string format_count(std::int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  const std::size_t lead = digits.size() % 3;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (i + 3 - lead) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string normalize_key(std::string_view key) {
  std::string out(key);
  for (char& c : out) {
    if (c == '_' || c == ' ') c = '-';
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (!out.empty() && out.back() == '?') out.pop_back();  // Jepsen-style "valid?"
  return out;
}

}  // namespace faultline::harness::report
