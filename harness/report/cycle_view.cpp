#include "harness/report/cycle_view.hpp"

#include <fmt/format.h>
#include <cmath>

#include "harness/report/html.hpp"

namespace faultline::harness::report {

namespace json = boost::json;

namespace {

constexpr double kPi = 3.14159265358979323846;

const char* edge_colour(std::string_view type) {
  if (type == "rw") return "#c62828";
  if (type == "wr") return "#1565c0";
  if (type == "ww") return "#2e7d32";
  return "#757575";  // process, realtime
}

std::string svg(const json::array& cycle, const json::array& steps) {
  const std::size_t n = cycle.size();
  const double size = n <= 3 ? 260 : 320, c = size / 2, radius = size / 2 - 48, node_r = 24;
  auto at = [&](std::size_t i) {
    const double a = -kPi / 2 + 2 * kPi * static_cast<double>(i) / static_cast<double>(n);
    return std::pair{c + radius * std::cos(a), c + radius * std::sin(a)};
  };
  std::string out = fmt::format(
      "<svg class=\"cycle\" width=\"{0}\" height=\"{0}\" viewBox=\"0 0 {0} {0}\" role=\"img\">"
      "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" "
      "markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" "
      "fill=\"context-stroke\"/>"
      "</marker></defs>",
      size);
  for (std::size_t i = 0; i < n && i < steps.size(); ++i) {
    auto [x1, y1] = at(i);
    auto [x2, y2] = at((i + 1) % n);
    const double dx = x2 - x1, dy = y2 - y1, len = std::max(1.0, std::hypot(dx, dy));
    // Each arrow bows away from the centre (two transactions: to either
    // side), so labels stay clear of the other arrows.
    double ox = -dy / len, oy = dx / len;
    const double hx = (x1 + x2) / 2, hy = (y1 + y2) / 2;
    if (n > 2) {
      const double d = std::max(1.0, std::hypot(hx - c, hy - c));
      ox = (hx - c) / d;
      oy = (hy - c) / d;
    }
    const double mx = hx + ox * 26, my = hy + oy * 26;
    const double sx = x1 + (mx - x1) / std::hypot(mx - x1, my - y1) * node_r;
    const double sy = y1 + (my - y1) / std::hypot(mx - x1, my - y1) * node_r;
    const double ex = x2 + (mx - x2) / std::hypot(mx - x2, my - y2) * node_r;
    const double ey = y2 + (my - y2) / std::hypot(mx - x2, my - y2) * node_r;
    const std::string type(steps[i].at("type").as_string());
    const char* colour = edge_colour(type);
    out += fmt::format(
        "<path d=\"M{:.1f},{:.1f} Q{:.1f},{:.1f} {:.1f},{:.1f}\" fill=\"none\" stroke=\"{}\" "
        "stroke-width=\"2\" "
        "marker-end=\"url(#arrow)\"/><text x=\"{:.1f}\" y=\"{:.1f}\" fill=\"{}\" font-size=\"12\" "
        "text-anchor=\"middle\">{}</text>",
        sx, sy, mx, my, ex, ey, colour, hx + ox * 34, hy + oy * 34 + 4, colour, escape(type));
  }
  for (std::size_t i = 0; i < n; ++i) {
    auto [x, y] = at(i);
    const json::object& op = cycle[i].as_object();
    const std::string name =
        op.contains("name") ? std::string(op.at("name").as_string()) : fmt::format("T{}", i + 1);
    out += fmt::format(
        "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"{}\" fill=\"#fff\" stroke=\"#333\"/>"
        "<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"13\" text-anchor=\"middle\" "
        "font-weight=\"bold\">{}</text>"
        "<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"10\" text-anchor=\"middle\">op {}</text>",
        x, y, node_r, x, y, escape(name), x, y + 12, escape(json_preview(op.at("index"), 12)));
  }
  return out + "</svg>";
}

}  // namespace

bool is_cycle_evidence(const json::value& item) {
  const json::object* o = item.if_object();
  return o && o->contains("cycle") && o->contains("steps") && o->at("cycle").is_array() &&
         o->at("steps").is_array();
}

std::string cycle_view(const json::object& anomaly, ReportContext& ctx) {
  const json::array& cycle = anomaly.at("cycle").as_array();
  const json::array& steps = anomaly.at("steps").as_array();
  std::string out =
      "<div class=\"anomaly\"><div class=\"cycle-view\">" + svg(cycle, steps) + "<ol class=\"steps\">";
  for (const auto& s : steps) {
    const json::object& step = s.as_object();
    out += fmt::format("<li><b>{} → {}</b> <span class=\"edge\">{}</span>: {}</li>",
                       escape(step.at("from").as_string()), escape(step.at("to").as_string()),
                       escape(step.at("type").as_string()), escape(step.at("because").as_string()));
  }
  out += "</ol></div>";
  std::vector<std::size_t> positions;
  std::vector<const json::value*> loose;
  std::vector<std::string> labels;
  for (const auto& op : cycle) {
    const std::int64_t pos = ctx.resolve(op);
    const std::string name = op.as_object().contains("name") ? std::string(op.at("name").as_string()) : "";
    if (pos >= 0) {
      positions.push_back(static_cast<std::size_t>(pos));
      labels.push_back(name);
    } else {
      loose.push_back(&op);
    }
  }
  return out + op_table(ctx, positions, loose, labels) + "</div>\n";
}

}  // namespace faultline::harness::report
