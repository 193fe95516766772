#include "harness/report/json_table.hpp"

#include <fmt/format.h>
#include <set>

#include "harness/report/html.hpp"

namespace faultline::harness::report {

namespace json = boost::json;

namespace {

constexpr int kMaxDepth = 4;
constexpr std::size_t kMaxRows = 50;
constexpr std::size_t kMaxScalars = 100;

bool is_scalar(const json::value& v) { return !v.is_object() && !v.is_array(); }

std::string scalar_text(const json::value& v) {
  if (v.is_string()) return escape(v.get_string());
  return escape(json_preview(v, 200));
}

std::string more_row(std::size_t left, std::size_t columns) {
  return fmt::format("<tr class=\"more\"><td colspan=\"{}\">… and {} more not shown</td></tr>", columns,
                     left);
}

// An array of objects sharing keys reads best as one table with a column per key.
std::string object_array_table(const json::array& a, int depth) {
  std::vector<std::string> columns;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < a.size() && i < kMaxRows; ++i)
    for (const auto& kv : a[i].get_object())
      if (seen.insert(std::string(kv.key())).second) columns.emplace_back(kv.key());
  std::string out = "<table class=\"json\"><tr>";
  for (const auto& c : columns) out += "<th>" + escape(c) + "</th>";
  out += "</tr>";
  for (std::size_t i = 0; i < a.size() && i < kMaxRows; ++i) {
    out += "<tr>";
    const auto& o = a[i].get_object();
    for (const auto& c : columns) {
      const json::value* v = o.if_contains(c);
      out += "<td>" + (v ? json_table(*v, depth + 1) : std::string()) + "</td>";
    }
    out += "</tr>";
  }
  if (a.size() > kMaxRows) out += more_row(a.size() - kMaxRows, columns.size());
  out += "</table>";
  return out;
}

}  // namespace

std::string json_table(const json::value& value, int depth) {
  if (is_scalar(value)) return scalar_text(value);
  if (depth >= kMaxDepth) return "<code>" + escape(json_preview(value, 300)) + "</code>";
  if (value.is_array()) {
    const auto& a = value.get_array();
    if (a.empty()) return "<i>none</i>";
    bool all_scalars = true, all_objects = true;
    for (const auto& x : a) {
      all_scalars = all_scalars && is_scalar(x);
      all_objects = all_objects && x.is_object();
    }
    if (all_scalars) {
      std::string out = "<span class=\"values\">";
      for (std::size_t i = 0; i < a.size() && i < kMaxScalars; ++i) {
        if (i) out += ", ";
        out += scalar_text(a[i]);
      }
      if (a.size() > kMaxScalars) out += fmt::format(" … and {} more", a.size() - kMaxScalars);
      return out + "</span>";
    }
    if (all_objects) return object_array_table(a, depth);
    std::string out = "<ol class=\"json\">";
    for (std::size_t i = 0; i < a.size() && i < kMaxRows; ++i)
      out += "<li>" + json_table(a[i], depth + 1) + "</li>";
    if (a.size() > kMaxRows)
      out += fmt::format("<li class=\"more\">… and {} more not shown</li>", a.size() - kMaxRows);
    return out + "</ol>";
  }
  const auto& o = value.get_object();
  if (o.empty()) return "<i>empty</i>";
  std::string out = "<table class=\"json\">";
  std::size_t n = 0;
  for (const auto& kv : o) {
    if (n++ == kMaxRows) {
      out += more_row(o.size() - kMaxRows, 2);
      break;
    }
    out += "<tr><th>" + escape(kv.key()) + "</th><td>" + json_table(kv.value(), depth + 1) + "</td></tr>";
  }
  return out + "</table>";
}

}  // namespace faultline::harness::report
