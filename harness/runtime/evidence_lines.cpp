#include "harness/runtime/evidence_lines.hpp"

#include "harness/runtime/json_text.hpp"

namespace faultline::harness {

namespace json = boost::json;

namespace {

std::string example(const json::object& e) {
  if (const auto* summary = e.if_contains("summary"); summary && summary->is_string()) {
    std::string out(summary->get_string());
    std::string names;
    if (const auto* cycle = e.if_contains("cycle"); cycle && cycle->is_array())
      for (const auto& t : cycle->get_array()) {
        const auto* o = t.if_object();
        if (!o || !o->contains("name") || !o->contains("index")) continue;
        names += (names.empty() ? "" : ", ") + std::string(o->at("name").as_string()) + " = op " +
                 json_text(o->at("index"));
      }
    return names.empty() ? out : out + " (" + names + ")";
  }
  if (const auto* because = e.if_contains("because"); because && because->is_string())
    return std::string(because->get_string());
  std::string text = json_text(e);
  return text.size() > 160 ? text.substr(0, 157) + "..." : text;
}

}  // namespace

std::vector<std::string> evidence_lines(const json::object& details, std::size_t max_lines) {
  std::vector<std::string> lines;
  for (const char* group : {"anomalies", "errors"}) {
    const auto* found = details.if_contains(group);
    const auto* counts =
        details.if_contains(std::string(group) == "anomalies" ? "anomaly-counts" : "error-counts");
    if (!found || !found->is_object()) continue;
    for (const auto& [type, list] : found->get_object()) {
      if (lines.size() >= max_lines) return lines;
      const auto* items = list.if_array();
      std::string line = std::string(type);
      if (counts && counts->is_object())
        if (const auto* n = counts->get_object().if_contains(type)) line += " x" + json_text(*n);
      if (items && !items->empty() && items->front().is_object())
        line += ": " + example(items->front().get_object());
      lines.push_back(std::move(line));
    }
  }
  return lines;
}

}  // namespace faultline::harness
