#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include "harness/report/html.hpp"
#include "harness/report/plot_frame.hpp"
#include "harness/report/plots.hpp"

namespace faultline::harness::report {

namespace {

constexpr int kBuckets = 120;
constexpr std::size_t kMaxFs = 6;  // more lines than this is noise, not a picture

const char* const kPalette[] = {"#1f77b4", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22"};

const char* dash_for(Outcome o) {
  switch (o) {
    case Outcome::Ok:
      return "";
    case Outcome::Fail:
      return "6 3";
    case Outcome::Info:
      return "2 3";
    case Outcome::Pending:
      return "1 5";
  }
  return "";
}

}  // namespace

std::string throughput_plot(const PlotInput& in) {
  PlotFrame f;
  f.t1 = std::max<std::int64_t>(in.end_ns, 1);
  if (in.pairs.empty()) return "<p class=\"note\">No client ops to plot.</p>\n";
  const double bucket_ns = static_cast<double>(f.t1 - f.t0) / kBuckets;

  // Series keyed by (f, outcome); the busiest fs get lines, the rest one "other" line.
  std::map<std::string, std::size_t> f_volume;
  for (const auto& p : in.pairs)
    if (p.outcome != Outcome::Pending) ++f_volume[in.history[p.invoke].f];
  std::vector<std::pair<std::size_t, std::string>> by_volume;
  for (const auto& [name, n] : f_volume) by_volume.emplace_back(n, name);
  std::sort(by_volume.rbegin(), by_volume.rend());
  std::map<std::string, std::size_t> f_slot;
  for (std::size_t i = 0; i < by_volume.size() && i < kMaxFs; ++i) f_slot[by_volume[i].second] = i;
  const bool has_other = by_volume.size() > kMaxFs;
  const std::size_t slots = std::min(by_volume.size(), kMaxFs) + (has_other ? 1 : 0);

  // counts[slot][outcome][bucket]
  std::vector<std::array<std::vector<double>, 3>> counts(slots);
  for (auto& per_outcome : counts)
    for (auto& b : per_outcome) b.assign(kBuckets, 0);
  for (const auto& p : in.pairs) {
    if (p.outcome == Outcome::Pending) continue;
    auto it = f_slot.find(in.history[p.invoke].f);
    const std::size_t slot = it == f_slot.end() ? slots - 1 : it->second;
    const int b =
        std::clamp(static_cast<int>(static_cast<double>(p.end - f.t0) / bucket_ns), 0, kBuckets - 1);
    counts[slot][static_cast<int>(p.outcome)][b] += 1;
  }
  double peak = 1;
  for (auto& per_outcome : counts)
    for (auto& b : per_outcome)
      for (double& c : b) {
        c = c / (bucket_ns / 1e9);  // ops per second
        peak = std::max(peak, c);
      }
  const double step = nice_step(peak, 5);
  const double top_value = std::ceil(peak / step) * step;
  auto y_of = [&](double v) { return f.top + f.plot_height() * (1 - v / top_value); };

  std::string out;
  open_svg(out, f, "plot throughput", "Throughput over time by f and outcome");
  draw_fault_windows(out, f, in.faults, in.end_ns);
  for (double v = 0; v <= top_value + 1e-9; v += step) {
    out += fmt::format(
        "<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#eee\"/>"
        "<text x=\"{}\" y=\"{:.1f}\" font-size=\"11\" text-anchor=\"end\">{:g}</text>\n",
        f.left, y_of(v), f.left + f.plot_width(), y_of(v), f.left - 4, y_of(v) + 4, v);
  }
  out += fmt::format(
      "<text x=\"12\" y=\"{:.1f}\" font-size=\"11\" transform=\"rotate(-90 12 {:.1f})\" "
      "text-anchor=\"middle\">ops/s</text>\n",
      f.top + f.plot_height() / 2, f.top + f.plot_height() / 2);

  std::vector<LegendEntry> legend;
  for (std::size_t slot = 0; slot < slots; ++slot) {
    std::string name = "other";
    for (const auto& [fname, s] : f_slot)
      if (s == slot) name = fname;
    const char* colour = kPalette[slot % std::size(kPalette)];
    for (Outcome o : {Outcome::Ok, Outcome::Fail, Outcome::Info}) {
      const auto& series = counts[slot][static_cast<int>(o)];
      if (std::all_of(series.begin(), series.end(), [](double c) { return c == 0; })) continue;
      out += fmt::format(
          "<polyline class=\"series\" fill=\"none\" stroke=\"{}\" stroke-width=\"1.6\"{} points=\"", colour,
          *dash_for(o) ? fmt::format(" stroke-dasharray=\"{}\"", dash_for(o)) : "");
      for (int b = 0; b < kBuckets; ++b) {
        const double t = f.t0 + (b + 0.5) * bucket_ns;
        out += fmt::format("{:.1f},{:.1f} ", f.x(static_cast<std::int64_t>(t)), y_of(series[b]));
      }
      out += fmt::format("\"><title>{} {}</title></polyline>\n", escape(name), outcome_name(o));
      legend.push_back({name + " " + outcome_name(o), colour, dash_for(o)});
    }
  }
  draw_time_axis(out, f);
  out += "</svg>\n";
  legend.push_back({"fault window", "#b3a9f5", ""});
  out += legend_html(legend);
  out += fmt::format(
      "<p class=\"note\">Completions per second in {} buckets of {}{}.</p>\n", kBuckets,
      escape(format_duration_ns(bucket_ns)),
      has_other ? fmt::format("; the {} least frequent fs are summed as \"other\"", by_volume.size() - kMaxFs)
                : std::string());
  return out;
}

}  // namespace faultline::harness::report
