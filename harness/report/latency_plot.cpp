#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "harness/report/html.hpp"
#include "harness/report/plot_frame.hpp"
#include "harness/report/plots.hpp"

namespace faultline::harness::report {

namespace {

// One dot per 3x3 px cell and outcome: the picture of a million ops is the
// same as that of the cells they fill, and a browser draws ~20k dots quickly.
constexpr int kCellPx = 3;
constexpr std::size_t kMaxDots = 30000;

struct Dot {
  double x, y;
  std::size_t pair;
  std::size_t merged;
};

}  // namespace

std::string latency_plot(const PlotInput& in) {
  PlotFrame f;
  f.t1 = std::max<std::int64_t>(in.end_ns, 1);
  std::string out;
  if (in.pairs.empty()) return "<p class=\"note\">No client ops to plot.</p>\n";

  double lo = 1e300, hi = 0;
  for (const auto& p : in.pairs) {
    const double l = static_cast<double>(std::max<std::int64_t>(p.end - p.start, 1));
    lo = std::min(lo, l);
    hi = std::max(hi, l);
  }
  const double dec_lo = std::floor(std::log10(lo));
  const double dec_hi = std::max(std::ceil(std::log10(hi)), dec_lo + 1);
  auto y_of = [&](double latency_ns) {
    const double frac = (std::log10(std::max(latency_ns, 1.0)) - dec_lo) / (dec_hi - dec_lo);
    return f.top + f.plot_height() * (1 - frac);
  };

  std::vector<Dot> dots;
  std::unordered_map<std::uint64_t, std::size_t> cell_dot;
  for (std::size_t i = 0; i < in.pairs.size(); ++i) {
    const auto& p = in.pairs[i];
    const double x = f.x(p.start);
    const double y = y_of(static_cast<double>(p.end - p.start));
    const std::uint64_t key = (static_cast<std::uint64_t>(x / kCellPx) << 24) ^
                              (static_cast<std::uint64_t>(y / kCellPx) << 4) ^
                              static_cast<std::uint64_t>(p.outcome);
    auto [it, fresh] = cell_dot.try_emplace(key, dots.size());
    if (fresh) {
      dots.push_back({x, y, i, 1});
    } else {
      ++dots[it->second].merged;
    }
  }
  // Ok ops first so the rarer failures are drawn on top.
  std::stable_sort(dots.begin(), dots.end(), [&](const Dot& a, const Dot& b) {
    return (in.pairs[a.pair].outcome == Outcome::Ok) > (in.pairs[b.pair].outcome == Outcome::Ok);
  });
  const std::size_t stride = dots.size() > kMaxDots ? (dots.size() + kMaxDots - 1) / kMaxDots : 1;

  open_svg(out, f, "plot latency", "Latency of every op over time, by outcome");
  draw_fault_windows(out, f, in.faults, in.end_ns);
  for (double d = dec_lo; d <= dec_hi; ++d) {
    const double y = y_of(std::pow(10.0, d));
    out += fmt::format(
        "<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#eee\"/>"
        "<text x=\"{}\" y=\"{:.1f}\" font-size=\"11\" text-anchor=\"end\">{}</text>\n",
        f.left, y, f.left + f.plot_width(), y, f.left - 4, y + 4,
        escape(format_duration_ns(std::pow(10.0, d))));
  }
  std::size_t drawn = 0;
  for (std::size_t i = 0; i < dots.size(); i += stride) {
    const Dot& d = dots[i];
    const auto& p = in.pairs[d.pair];
    const auto& inv = in.history[p.invoke];
    out += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"2\" fill=\"{}\"><title>", d.x, d.y,
                       outcome_colour(p.outcome));
    append_escaped(
        out, fmt::format("op {} p{} {} {} in {}{}", inv.index, p.process, inv.f, outcome_name(p.outcome),
                         format_duration_ns(static_cast<double>(p.end - p.start)),
                         d.merged > 1 ? fmt::format(" (+{} similar)", d.merged - 1) : std::string()));
    out += "</title></circle>\n";
    ++drawn;
  }
  draw_time_axis(out, f);
  out += "</svg>\n";
  out += legend_html({{"ok", outcome_colour(Outcome::Ok), ""},
                      {"fail", outcome_colour(Outcome::Fail), ""},
                      {"info (indeterminate)", outcome_colour(Outcome::Info), ""},
                      {"pending (never completed)", outcome_colour(Outcome::Pending), ""},
                      {"fault window", "#b3a9f5", ""}});
  if (drawn < in.pairs.size())
    out += fmt::format(
        "<p class=\"note\">{} dots for {} ops: ops that fall in the same {}&#215;{} px cell with the same "
        "outcome "
        "are merged into one dot{}.</p>\n",
        format_count(static_cast<std::int64_t>(drawn)),
        format_count(static_cast<std::int64_t>(in.pairs.size())), kCellPx, kCellPx,
        stride > 1 ? fmt::format(", then every {}th dot is drawn", stride) : std::string());
  return out;
}

}  // namespace faultline::harness::report
