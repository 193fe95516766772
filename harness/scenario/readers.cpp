#include "harness/scenario/readers.hpp"

#include <cmath>
#include <sstream>

#include "harness/scenario/duration.hpp"
#include "harness/scenario/scalars.hpp"

namespace faultline::harness {

namespace {

std::string number_text(double x) {
  std::ostringstream out;
  out << x;
  return out.str();
}

void wrong_kind(const DocNode& node, const std::string& path, std::string_view expected, Diagnostics& diag,
                std::string_view allowed = {}) {
  diag.error(node.loc, path + " must be " + std::string(expected) + ", got " + node.describe(), allowed);
}

}  // namespace

MapView::MapView(const DocNode& node, std::string path, std::vector<std::string> allowed, Diagnostics& diag)
    : node_(node), path_(std::move(path)), diag_(diag) {
  if (node.is_null()) {
    ok_ = true;
    return;
  }
  if (!node.is_map()) {
    wrong_kind(node, path_.empty() ? "the scenario" : path_, "a map of keys", diag);
    return;
  }
  ok_ = true;
  for (const auto& [key, value] : node.entries) {
    bool known = false;
    for (const auto& a : allowed) known = known || a == key.text;
    if (!known) {
      diag.error(key.loc,
                 "unknown key '" + key.text + "' in " + (path_.empty() ? "the scenario" : path_) +
                     did_you_mean(key.text, allowed),
                 join(allowed));
    }
  }
}

std::string MapView::path_of(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

const DocNode* MapView::get(std::string_view key) const { return node_.find(key); }

const DocNode* MapView::require(std::string_view key) const {
  const DocNode* value = get(key);
  if (!value && ok_) {
    diag_.error(node_.loc, "missing required key '" + path_of(key) + "'");
  }
  return value;
}

std::optional<std::string> read_string(const DocNode& node, const std::string& path, Diagnostics& diag) {
  if (!node.is_scalar()) {
    wrong_kind(node, path, "a string", diag);
    return std::nullopt;
  }
  return node.scalar;
}

std::optional<bool> read_bool(const DocNode& node, const std::string& path, Diagnostics& diag) {
  std::optional<bool> value;
  if (node.is_scalar() && !node.quoted) value = parse_bool(node.scalar);
  if (!value) wrong_kind(node, path, "true or false", diag);
  return value;
}

std::optional<std::int64_t> read_int(const DocNode& node, const std::string& path, std::int64_t min,
                                     std::int64_t max, Diagnostics& diag) {
  const std::string range = std::to_string(min) + ".." + std::to_string(max);
  std::optional<std::int64_t> value;
  if (node.is_scalar() && !node.quoted) value = parse_int64(node.scalar);
  if (!value) {
    wrong_kind(node, path, "an integer", diag, range);
    return std::nullopt;
  }
  if (*value < min || *value > max) {
    diag.error(node.loc, path + " is out of range: " + node.scalar, range);
    return std::nullopt;
  }
  return value;
}

std::optional<std::uint64_t> read_uint64(const DocNode& node, const std::string& path, Diagnostics& diag) {
  std::optional<std::uint64_t> value;
  if (node.is_scalar() && !node.quoted) value = parse_uint64(node.scalar);
  if (!value) wrong_kind(node, path, "a non-negative integer", diag, "0..18446744073709551615");
  return value;
}

std::optional<double> read_number(const DocNode& node, const std::string& path, double min, double max,
                                  Diagnostics& diag) {
  const std::string range = number_text(min) + ".." + number_text(max);
  std::optional<double> value;
  if (node.is_scalar() && !node.quoted) value = parse_double(node.scalar);
  if (!value) {
    wrong_kind(node, path, "a number", diag, range);
    return std::nullopt;
  }
  if (*value < min || *value > max) {
    diag.error(node.loc, path + " is out of range: " + node.scalar, range);
    return std::nullopt;
  }
  return value;
}

std::optional<double> read_probability(const DocNode& node, const std::string& path, Diagnostics& diag) {
  constexpr std::string_view kAllowed = "a number 0..1 or a percentage 0%..100%";
  std::optional<double> value;
  if (node.is_scalar()) {
    std::string_view text = node.scalar;
    const bool percent = text.ends_with('%');
    if (percent) text.remove_suffix(1);
    value = parse_double(text);
    if (value && percent) *value /= 100.0;
  }
  if (!value) {
    wrong_kind(node, path, "a probability", diag, kAllowed);
    return std::nullopt;
  }
  if (!(*value >= 0 && *value <= 1)) {
    diag.error(node.loc, path + " is out of range: " + node.scalar, kAllowed);
    return std::nullopt;
  }
  return value;
}

std::optional<Nanos> read_duration(const DocNode& node, const std::string& path, Diagnostics& diag,
                                   Nanos min) {
  if (!node.is_scalar()) {
    wrong_kind(node, path, "a duration", diag, kDurationUnits);
    return std::nullopt;
  }
  std::string error;
  auto value = parse_duration(node.scalar, &error);
  if (!value) {
    diag.error(node.loc, path + ": " + error, kDurationUnits);
    return std::nullopt;
  }
  if (*value < min) {
    diag.error(node.loc, path + " must be at least " + format_duration(min) + ", got " + node.scalar);
    return std::nullopt;
  }
  return value;
}

std::optional<std::pair<Nanos, Nanos>> read_duration_range(const DocNode& node, const std::string& path,
                                                           Diagnostics& diag) {
  constexpr std::string_view kAllowed = "a range LOW..HIGH such as 2s..6s, or one duration";
  if (!node.is_scalar()) {
    wrong_kind(node, path, "a duration range", diag, kAllowed);
    return std::nullopt;
  }
  std::string error;
  auto value = parse_duration_range(node.scalar, &error);
  if (!value) diag.error(node.loc, path + ": " + error, kAllowed);
  return value;
}

std::optional<std::string> read_enum(const DocNode& node, const std::string& path,
                                     const std::vector<std::string>& allowed, Diagnostics& diag) {
  if (!node.is_scalar()) {
    wrong_kind(node, path, "one of the names below", diag, join(allowed));
    return std::nullopt;
  }
  for (const auto& a : allowed)
    if (a == node.scalar) return node.scalar;
  diag.error(node.loc, path + " has unknown value '" + node.scalar + "'" + did_you_mean(node.scalar, allowed),
             allowed.empty() ? std::string("(none registered)") : join(allowed));
  return std::nullopt;
}

std::optional<std::vector<std::string>> read_string_list(const DocNode& node, const std::string& path,
                                                         Diagnostics& diag) {
  if (!node.is_sequence()) {
    wrong_kind(node, path, "a list", diag);
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool ok = true;
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    auto item = read_string(node.items[i], path + "[" + std::to_string(i) + "]", diag);
    if (item) out.push_back(*item);
    ok = ok && item.has_value();
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<std::map<std::string, std::string>> read_string_map(const DocNode& node,
                                                                  const std::string& path,
                                                                  Diagnostics& diag) {
  if (node.is_null()) return std::map<std::string, std::string>{};
  if (!node.is_map()) {
    wrong_kind(node, path, "a map of strings", diag);
    return std::nullopt;
  }
  std::map<std::string, std::string> out;
  bool ok = true;
  for (const auto& [key, value] : node.entries) {
    auto text = read_string(value, path + "." + key.text, diag);
    if (text) out[key.text] = *text;
    ok = ok && text.has_value();
  }
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace faultline::harness
