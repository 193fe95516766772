#include "checkers/linearizability/html.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "checkers/html_escape.hpp"

namespace faultline::checkers::lin {
namespace {

namespace json = boost::json;

std::string str(const json::value& v) {
  if (v.is_string()) return std::string(v.get_string());
  return json::serialize(v);
}

std::int64_t num(const json::object& o, const char* key, std::int64_t fallback) {
  auto it = o.find(key);
  if (it == o.end() || !it->value().is_number()) return fallback;
  return it->value().to_number<std::int64_t>();
}

// The model's own description ("read -> 3", "cas [1,2] -> ?"), with an arrow
// that reads better than "->".
std::string op_label(const json::object& op) {
  std::string label = op.contains("description") ? str(op.at("description")) : str(op.at("f"));
  for (std::size_t at; (at = label.find(" -> ")) != std::string::npos;) label.replace(at, 4, " \u2192 ");
  return label;
}

// Numbers as people write them: 0.177, not 1.76934E-1.
std::string fact_text(const json::value& v) {
  if (v.is_double()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", v.get_double());
    return buf;
  }
  return str(v);
}

// Cuts a label to the bar it sits in (11px monospace: about 6.6px a
// character), so neighbouring bars stay readable; the tooltip has it all.
std::string fit(const std::string& label, int width) {
  auto room = static_cast<std::size_t>(std::max(0, (width - 6) * 10 / 66));
  std::size_t chars = 0, at = 0;
  // Count UTF-8 characters, not bytes: the arrow is three bytes.
  for (; at < label.size(); ++at) {
    if ((static_cast<unsigned char>(label[at]) & 0xC0) == 0x80) continue;
    if (chars++ == room) break;
  }
  if (at >= label.size()) return label;
  return room == 0 ? std::string() : label.substr(0, at) + "\u2026";
}

constexpr int kRow = 30, kLeft = 90, kTop = 24, kStep = 26;

// The timeline of one bad key. Positions are history entries, compressed to
// their rank so that long quiet gaps take no room.
std::string render_timeline(const json::object& bad) {
  const auto& ops = bad.at("ops").as_array();
  std::set<std::int64_t> points;
  std::set<std::int64_t> processes;
  for (const auto& v : ops) {
    const auto& op = v.as_object();
    points.insert(num(op, "call", 0));
    if (!op.at("ret").is_null()) points.insert(num(op, "ret", 0));
    processes.insert(num(op, "process", 0));
  }
  std::map<std::int64_t, int> rank;
  for (std::int64_t p : points) rank.emplace(p, static_cast<int>(rank.size()));
  std::map<std::int64_t, int> row;
  for (std::int64_t p : processes) row.emplace(p, static_cast<int>(row.size()));
  int right = kLeft + (static_cast<int>(points.size()) + 1) * kStep;
  int height = kTop + static_cast<int>(row.size()) * kRow + 20;
  auto x = [&](std::int64_t pos) { return kLeft + rank[pos] * kStep + kStep / 2; };

  std::int64_t stuck = -1;
  if (bad.contains("op")) stuck = num(bad.at("op").as_object(), "id", -1);
  std::set<std::int64_t> window;
  for (const auto& v : bad.at("concurrent_window").as_array()) window.insert(num(v.as_object(), "id", -1));
  std::map<std::int64_t, std::pair<std::int64_t, std::string>> order;  // op id -> (position, state after)
  for (const auto& v : bad.at("longest_prefix").as_array()) {
    const auto& step = v.as_object();
    order[num(step.at("op").as_object(), "id", -1)] = {num(step, "position", 0), str(step.at("state"))};
  }

  std::string svg = "<svg class=\"timeline\" width=\"" + std::to_string(right + 20) + "\" height=\"" +
                    std::to_string(height) + "\" xmlns=\"http://www.w3.org/2000/svg\">\n";
  for (const auto& [process, r] : row) {
    int y = kTop + r * kRow;
    svg += "<text class=\"proc\" x=\"4\" y=\"" + std::to_string(y + 18) + "\">process " +
           std::to_string(process) + "</text><line class=\"track\" x1=\"" + std::to_string(kLeft) +
           "\" x2=\"" + std::to_string(right) + "\" y1=\"" + std::to_string(y + kRow - 2) + "\" y2=\"" +
           std::to_string(y + kRow - 2) + "\"/>\n";
  }
  struct Lp {
    int x, y;
    std::int64_t position;
    std::string tip;
  };
  std::vector<std::pair<std::int64_t, const json::object*>> linearized;
  for (const auto& v : ops) {
    const auto& op = v.as_object();
    std::int64_t id = num(op, "id", -1);
    int y = kTop + row[num(op, "process", 0)] * kRow + 4;
    int x0 = x(num(op, "call", 0)) - kStep / 3;
    int x1 = op.at("ret").is_null() ? right : x(num(op, "ret", 0)) + kStep / 3;
    std::string cls = "op";
    if (op.at("type") == "info") cls += " crashed";
    if (window.count(id)) cls += " window";
    if (id == stuck) cls += " stuck";
    std::string tip = op_label(op) + " (process " + str(op.at("process")) + ", invoke index " +
                      str(op.at("invoke_index")) + ")";
    auto lin = order.find(id);
    if (lin != order.end()) {
      tip +=
          "\nlinearized #" + std::to_string(lin->second.first + 1) + ", state after: " + lin->second.second;
      linearized.push_back({lin->second.first, &op});
    }
    if (id == stuck) tip += "\ncannot be linearized";
    svg += "<g class=\"" + cls + "\"><title>" + escape(tip) + "</title><rect x=\"" + std::to_string(x0) +
           "\" y=\"" + std::to_string(y) + "\" width=\"" + std::to_string(std::max(x1 - x0, 6)) +
           "\" height=\"" + std::to_string(kRow - 10) + "\" rx=\"3\"/><text x=\"" + std::to_string(x0 + 3) +
           "\" y=\"" + std::to_string(y + 14) + "\">" + escape(fit(op_label(op), std::max(x1 - x0, 6))) +
           "</text></g>\n";
  }
  // Linearization points in prefix order: each no earlier than its call or
  // the previous point, which is always inside the op's interval because the
  // prefix respects real time.
  std::sort(linearized.begin(), linearized.end());
  int last_x = 0;
  for (const auto& [position, op] : linearized) {
    int lx = std::max(x(num(*op, "call", 0)) - kStep / 3 + 2, last_x + 3);
    last_x = lx;
    int y = kTop + row[num(*op, "process", 0)] * kRow;
    svg += "<g class=\"lp\"><title>linearization point #" + std::to_string(position + 1) +
           "</title><line x1=\"" + std::to_string(lx) + "\" x2=\"" + std::to_string(lx) + "\" y1=\"" +
           std::to_string(y + 1) + "\" y2=\"" + std::to_string(y + kRow - 5) + "\"/><text x=\"" +
           std::to_string(lx + 2) + "\" y=\"" + std::to_string(y + 3) + "\">" + std::to_string(position + 1) +
           "</text></g>\n";
  }
  svg += "</svg>\n";
  return svg;
}

std::string render_bad_key(const json::object& bad) {
  std::string html = "<section class=\"bad\"><h2>Not linearizable";
  if (bad.contains("key")) html += ": key " + escape(str(bad.at("key")));
  html += "</h2>\n";
  if (bad.contains("error")) html += "<p class=\"error\">" + escape(str(bad.at("error"))) + "</p>\n";
  html +=
      "<p>Longest linearizable prefix: " + str(bad.at("prefix_length")) +
      " ops. Red: the op that cannot be linearized; outlined: ops concurrent with it; dashed: crashed "
      "(may take effect later or never). Numbered ticks are linearization points. Hover for details.</p>\n";
  html += "<div class=\"scroll\">" + render_timeline(bad) + "</div>\n";

  html +=
      "<details open><summary>What could come next, and why it fails</summary><table><tr><th>op</th>"
      "<th>process</th><th>outcome</th></tr>\n";
  for (const auto& v : bad.at("final_paths").as_array()) {
    const auto& p = v.as_object();
    const auto& op = p.at("op").as_object();
    html += "<tr><td>" + escape(op_label(op)) + "</td><td>" + escape(str(op.at("process"))) + "</td><td>" +
            escape(str(p.at("outcome"))) + "</td></tr>\n";
  }
  html += "</table></details>\n";

  html += "<details><summary>Longest linearizable prefix (last " +
          std::to_string(bad.at("longest_prefix").as_array().size()) +
          ")</summary><table><tr><th>#</th><th>op</th><th>process</th><th>state after</th></tr>\n";
  for (const auto& v : bad.at("longest_prefix").as_array()) {
    const auto& step = v.as_object();
    const auto& op = step.at("op").as_object();
    html += "<tr><td>" + std::to_string(num(step, "position", 0) + 1) + "</td><td>" + escape(op_label(op)) +
            "</td><td>" + escape(str(op.at("process"))) + "</td><td>" + escape(str(step.at("state"))) +
            "</td></tr>\n";
  }
  html += "</table></details></section>\n";
  return html;
}

constexpr const char* kStyle = R"(<style>
body{font:14px system-ui,sans-serif;margin:24px;color:#222}
h1{font-size:20px}h2{font-size:16px;margin-top:28px}
.verdict-valid{color:#1a7f37}.verdict-invalid{color:#cf222e}.verdict-unknown{color:#9a6700}
.error{color:#cf222e;font-family:monospace}
.scroll{overflow-x:auto;border:1px solid #ddd;padding:4px}
svg text{font:11px monospace}
.proc{fill:#555}.track{stroke:#eee}
.op rect{fill:#dbeafe;stroke:#60a5fa}
.op.crashed rect{fill:#f3f4f6;stroke:#9ca3af;stroke-dasharray:4 3}
.op.window rect{stroke:#111;stroke-width:1.5}
.op.stuck rect{fill:#fecaca;stroke:#dc2626;stroke-width:2}
.lp line{stroke:#16a34a;stroke-width:2}.lp text{fill:#16a34a;font-size:9px}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:2px 8px;text-align:left;font-family:monospace}
summary{cursor:pointer;margin-top:8px}
</style>)";

}  // namespace

std::string render_linearizability_html(const CheckResult& result) {
  const auto& d = result.details;
  std::string verdict(verdict_name(result.verdict));
  std::string html =
      "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Linearizability: " + verdict + "</title>" +
      kStyle + "</head><body>\n";
  html += "<h1>Linearizability: <span class=\"verdict-" + verdict + "\">" + verdict + "</span></h1>\n<p>";
  auto fact = [&](const char* key, const char* label) {
    if (d.contains(key)) html += std::string(label) + ": " + escape(fact_text(d.at(key))) + " &middot; ";
  };
  fact("model", "model");
  fact("keyed", "keyed");
  fact("ops", "ops");
  fact("crashed", "crashed");
  fact("partitions", "keys");
  fact("steps", "search steps");
  fact("elapsed_ms", "ms");
  html += "</p>\n";
  if (d.contains("error")) html += "<p class=\"error\">" + escape(str(d.at("error"))) + "</p>\n";
  if (auto it = d.find("unknown"); it != d.end()) {
    html += "<h2>Undecided</h2><ul>\n";
    for (const auto& v : it->value().as_array()) {
      const auto& u = v.as_object();
      html += "<li>" + (u.contains("key") ? "key " + escape(str(u.at("key"))) + ": " : std::string()) +
              escape(str(u.at("reason"))) + "</li>\n";
    }
    html += "</ul>\n";
  }
  if (auto it = d.find("invalid"); it != d.end()) {
    for (const auto& v : it->value().as_array()) html += render_bad_key(v.as_object());
  }
  if (result.verdict == Verdict::Valid) html += "<p>Every key has a linearization.</p>\n";
  html += "</body></html>\n";
  return html;
}

}  // namespace faultline::checkers::lin
