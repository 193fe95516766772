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

// Width of a label in 11px monospace (6.6px a character in most fonts, up
// to 7.3px in the DejaVu Sans Mono a headless Chromium picks: take the
// wider), counting UTF-8 characters, not bytes: the arrow is three bytes.
int label_px(const std::string& label) {
  int chars = 0;
  for (unsigned char c : label) chars += (c & 0xC0) == 0x80 ? 0 : 1;
  return chars * 75 / 10 + 10;
}

// "1.234 ms" for a time in ns since the run started.
std::string ms_text(std::int64_t ns) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f ms", static_cast<double>(ns) / 1e6);
  return buf;
}

constexpr int kRow = 30, kLeft = 90, kTop = 84, kStep = 26;

// The timeline of one bad key. Positions are history entries, compressed to
// their rank so that long quiet gaps take no room; the axis above names the
// time of each. A column widens until every bar that ends in it holds its
// whole label, so no label is cut and nothing needs hovering.
std::string render_timeline(const json::object& bad) {
  const auto& ops = bad.at("ops").as_array();
  std::map<std::int64_t, std::int64_t> points;  // history position -> time (ns), -1 unknown
  std::map<std::int64_t, std::int64_t> indexes;  // history position -> the entry's index
  std::set<std::int64_t> processes;
  auto time_of = [](const json::object& op, const char* key) {
    auto it = op.find(key);
    return it != op.end() && it->value().is_number() ? it->value().to_number<std::int64_t>() : -1;
  };
  for (const auto& v : ops) {
    const auto& op = v.as_object();
    points.emplace(num(op, "call", 0), time_of(op, "time"));
    indexes.emplace(num(op, "call", 0), num(op, "invoke_index", 0));
    if (!op.at("ret").is_null()) {
      points.emplace(num(op, "ret", 0), time_of(op, "complete_time"));
      indexes.emplace(num(op, "ret", 0), num(op, "complete_index", 0));
    }
    processes.insert(num(op, "process", 0));
  }
  // A history without times (Porcupine's kv logs: order only) is drawn
  // against its entries' indexes instead of a column of "0.000 ms".
  const bool timed = std::any_of(points.begin(), points.end(), [](const auto& pt) { return pt.second > 0; });
  std::map<std::int64_t, int> rank;
  for (const auto& pt : points) rank.emplace(pt.first, static_cast<int>(rank.size()));
  std::map<std::int64_t, int> row;
  for (std::int64_t p : processes) row.emplace(p, static_cast<int>(row.size()));
  // Column widths: a bar spans from its call's column to its return's; the
  // shortfall of its label goes to the gap before its return. Shortest first,
  // so a wide column helps the longer bars that cross it too.
  std::vector<int> width(points.size() + 1, kStep);
  std::vector<std::pair<int, const json::object*>> by_span;
  for (const auto& v : ops) {
    const auto& op = v.as_object();
    if (op.at("ret").is_null()) continue;  // open to the right edge: widened below
    by_span.push_back({rank[num(op, "ret", 0)] - rank[num(op, "call", 0)], &op});
  }
  std::stable_sort(by_span.begin(), by_span.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [span, op] : by_span) {
    const int from = rank[num(*op, "call", 0)], to = rank[num(*op, "ret", 0)];
    int have = 2 * kStep / 3;
    for (int r = from; r < to; ++r) have += width[r];
    have = std::max(have, 6);
    const int need = label_px(op_label(*op));
    if (need > have) width[to - 1] += need - have;  // the gap just before its return
  }
  std::vector<int> left(points.size() + 1, kLeft);
  for (std::size_t r = 1; r < left.size(); ++r) left[r] = left[r - 1] + width[r - 1];
  auto x = [&](std::int64_t pos) { return left[rank[pos]] + kStep / 2; };
  int right = left.back() + kStep;
  // A crashed op's bar runs to the right edge: room for its label too.
  for (const auto& v : ops) {
    const auto& op = v.as_object();
    if (op.at("ret").is_null())
      right = std::max(right, x(num(op, "call", 0)) - kStep / 3 + label_px(op_label(op)));
  }
  int height = kTop + static_cast<int>(row.size()) * kRow + 20;
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
  // The time axis: a tick per event, its time written slanted above it.
  svg += "<g class=\"axis\"><line x1=\"" + std::to_string(kLeft) + "\" x2=\"" + std::to_string(right) +
         "\" y1=\"" + std::to_string(kTop - 4) + "\" y2=\"" + std::to_string(kTop - 4) +
         "\"/><text x=\"4\" y=\"" + std::to_string(kTop - 8) + "\">" + (timed ? "time" : "entry") +
         "</text>\n";
  for (const auto& [pos, ns] : points) {
    const int tx = x(pos);
    svg += "<line x1=\"" + std::to_string(tx) + "\" x2=\"" + std::to_string(tx) + "\" y1=\"" +
           std::to_string(kTop - 8) + "\" y2=\"" + std::to_string(kTop - 4) + "\"/>";
    const std::string mark = timed ? (ns >= 0 ? ms_text(ns) : "") : "#" + std::to_string(indexes[pos]);
    if (!mark.empty())
      svg += "<text transform=\"translate(" + std::to_string(tx + 3) + "," + std::to_string(kTop - 10) +
             ") rotate(-50)\">" + escape(mark) + "</text>";
    svg += "\n";
  }
  svg += "</g>\n";
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
           "\" y=\"" + std::to_string(y + 14) + "\">" + escape(op_label(op)) + "</text></g>\n";
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
  html += "<p>Longest linearizable prefix: " + str(bad.at("prefix_length")) +
          " ops. Red: the op that cannot be linearized; outlined: ops concurrent with it; dashed: crashed "
          "(may take effect later or never). Numbered ticks are linearization points; the axis gives each "
          "invocation's and completion's time.</p>\n";
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
.axis line{stroke:#999}.axis text{fill:#555;font-size:10px}
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
