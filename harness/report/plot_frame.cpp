#include "harness/report/plot_frame.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>

#include "harness/report/html.hpp"

namespace faultline::harness::report {

double PlotFrame::x(std::int64_t t) const {
  const double span = static_cast<double>(std::max<std::int64_t>(t1 - t0, 1));
  return left + (static_cast<double>(t - t0) / span) * plot_width();
}

const char* outcome_colour(Outcome o) {
  switch (o) {
    case Outcome::Ok:
      return "#2e9e44";
    case Outcome::Fail:
      return "#d62728";
    case Outcome::Info:
      return "#ff9f1c";
    case Outcome::Pending:
      return "#7f7f7f";
  }
  return "#7f7f7f";
}

double nice_step(double span, int target) {
  if (span <= 0 || target <= 0) return 1;
  const double raw = span / target;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (raw <= m * mag) return m * mag;
  return 10 * mag;
}

void open_svg(std::string& out, const PlotFrame& f, const std::string& css_class, const std::string& title) {
  out += fmt::format(
      "<svg class=\"{}\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"{}\" "
      "height=\"{}\" role=\"img\"><title>{}</title>\n",
      css_class, f.width, f.height, f.width, f.height, escape(title));
  out += fmt::format(
      "<rect x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"#fff\" stroke=\"#ccc\"/>\n", f.left,
      f.top, f.plot_width(), f.plot_height());
}

void draw_time_axis(std::string& out, const PlotFrame& f) {
  const double span_s = static_cast<double>(f.t1 - f.t0) / 1e9;
  const double step = nice_step(span_s, 10);
  const double first = std::ceil(static_cast<double>(f.t0) / 1e9 / step) * step;
  const double base = f.top + f.plot_height();
  for (double s = first; s <= static_cast<double>(f.t1) / 1e9 + 1e-9; s += step) {
    const double x = f.x(static_cast<std::int64_t>(s * 1e9));
    out += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"#999\"/>"
        "<text x=\"{0:.1f}\" y=\"{3:.1f}\" font-size=\"11\" text-anchor=\"middle\">{4:g}</text>\n",
        x, base, base + 4, base + 16, s);
  }
  out += fmt::format(
      "<text x=\"{:.1f}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">time since start (s)</text>\n",
      f.left + f.plot_width() / 2, f.height - 4);
}

void draw_fault_windows(std::string& out, const PlotFrame& f, const std::vector<FaultWindow>& faults,
                        std::int64_t history_end) {
  // Overlapping windows get separate label rows so no label hides another.
  std::vector<std::int64_t> row_busy_until;
  for (const auto& w : faults) {
    const std::int64_t stop = w.stop_ns < 0 ? std::max(history_end, w.start_ns) : w.stop_ns;
    if (stop < f.t0 || w.start_ns > f.t1) continue;
    const double x0 = f.x(std::max(w.start_ns, f.t0));
    const double x1 = std::max(f.x(std::min(stop, f.t1)), x0 + 1.5);
    std::size_t row = 0;
    while (row < row_busy_until.size() && row_busy_until[row] > w.start_ns) ++row;
    if (row == row_busy_until.size()) row_busy_until.push_back(0);
    row_busy_until[row] = stop;
    const std::string label = w.description.empty() ? w.kind : w.kind + ": " + w.description;
    const std::string tip =
        fmt::format("fault {} {} from {} to {}", w.id, label, format_time_s(w.start_ns),
                    w.stop_ns < 0 ? std::string("the end (never healed)") : format_time_s(stop));
    out += fmt::format(
        "<g class=\"fault\"><title>{}</title><rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"{:.1f}\" "
        "fill=\"#7b68ee\" fill-opacity=\"0.13\" stroke=\"#7b68ee\" stroke-opacity=\"0.5\"/>",
        escape(tip), x0, f.top, x1 - x0, f.plot_height());
    const double label_y = f.top - 4 - static_cast<double>(row % 3) * 11;
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"10\" fill=\"#4b3bb0\">{}</text></g>\n",
                       x0 + 2, label_y, escape(label.size() > 40 ? label.substr(0, 40) + "…" : label));
  }
}

std::string legend_html(const std::vector<LegendEntry>& entries) {
  std::string out = "<div class=\"legend\">";
  for (const auto& e : entries) {
    out += fmt::format(
        "<span><svg width=\"18\" height=\"8\"><line x1=\"0\" y1=\"4\" x2=\"18\" y2=\"4\" stroke=\"{}\" "
        "stroke-width=\"3\"{}/></svg> {}</span>",
        e.colour, e.dash.empty() ? std::string() : " stroke-dasharray=\"" + e.dash + "\"", escape(e.label));
  }
  out += "</div>\n";
  return out;
}

}  // namespace faultline::harness::report
