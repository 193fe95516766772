#include <fmt/format.h>
#include <algorithm>
#include <map>

#include "harness/report/html.hpp"
#include "harness/report/plot_frame.hpp"
#include "harness/report/plots.hpp"
#include "history/op_value.hpp"

namespace faultline::harness::report {

namespace {
constexpr int kRowPx = 14;
constexpr std::size_t kMaxRows = 64;
}  // namespace

std::string timeline_plot(const PlotInput& in, std::size_t max_ops, std::int64_t focus_index,
                          const std::unordered_set<std::size_t>& highlight, const std::string& title) {
  if (in.pairs.empty()) return "<p class=\"note\">No client ops to draw.</p>\n";
  // Window of pairs: all of them, or max_ops around the focus op.
  std::size_t first = 0, last = in.pairs.size();
  if (in.pairs.size() > max_ops) {
    std::size_t centre = 0;
    if (focus_index >= 0) {
      auto it = std::lower_bound(in.pairs.begin(), in.pairs.end(), static_cast<std::size_t>(focus_index),
                                 [](const OpPair& p, std::size_t idx) { return p.invoke < idx; });
      centre = static_cast<std::size_t>(it - in.pairs.begin());
    }
    first = centre > max_ops / 2 ? centre - max_ops / 2 : 0;
    last = std::min(in.pairs.size(), first + max_ops);
    first = last - std::min(max_ops, last);
  }
  std::map<std::int64_t, int> rows;  // process -> row
  std::int64_t t0 = INT64_MAX, t1 = 0;
  for (std::size_t i = first; i < last; ++i) {
    rows.emplace(in.pairs[i].process, 0);
    t0 = std::min(t0, in.pairs[i].start);
    t1 = std::max(t1, in.pairs[i].end);
  }
  std::size_t hidden_rows = 0;
  {
    int r = 0;
    for (auto& [proc, row] : rows) row = r++;
    if (rows.size() > kMaxRows) hidden_rows = rows.size() - kMaxRows;
  }
  const int shown_rows = static_cast<int>(std::min(rows.size(), kMaxRows));

  PlotFrame f;
  f.t0 = t0;
  f.t1 = std::max(t1, t0 + 1);
  f.height = f.top + f.bottom + shown_rows * kRowPx + 4;

  std::string out;
  open_svg(out, f, "plot timeline", title);
  draw_fault_windows(out, f, in.faults, in.end_ns);
  for (const auto& [proc, row] : rows) {
    if (row >= shown_rows) break;
    out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"end\">p{}</text>\n",
                       f.left - 4, f.top + 2 + row * kRowPx + 10, proc);
  }
  std::size_t drawn = 0;
  for (std::size_t i = first; i < last; ++i) {
    const auto& p = in.pairs[i];
    const int row = rows[p.process];
    if (row >= shown_rows) continue;
    const auto& inv = in.history[p.invoke];
    const double x0 = f.x(p.start);
    const double w = std::max(f.x(p.end) - x0, 1.0);
    const bool marked = highlight.count(p.invoke) ||
                        (p.completion >= 0 && highlight.count(static_cast<std::size_t>(p.completion)));
    out += fmt::format("<rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" fill=\"{}\"{}><title>", x0,
                       f.top + 2 + row * kRowPx, w, kRowPx - 3, outcome_colour(p.outcome),
                       marked ? " stroke=\"#000\" stroke-width=\"2\"" : "");
    std::string tip =
        fmt::format("op {} p{} {} {}", inv.index, p.process, inv.f, json_preview(inv.value, 60));
    if (p.completion >= 0) {
      const auto& done = in.history[static_cast<std::size_t>(p.completion)];
      boost::json::value scratch;
      tip += fmt::format(" → {} {}", outcome_name(p.outcome),
                         json_preview(history::value_of(done, scratch), 80));
      if (!done.error.is_null()) tip += " error " + json_preview(done.error, 60);
    } else {
      tip += " → never completed";
    }
    tip += fmt::format(" [{} .. {}]", format_time_s(p.start), format_time_s(p.end));
    append_escaped(out, tip);
    out += "</title></rect>\n";
    ++drawn;
  }
  draw_time_axis(out, f);
  out += "</svg>\n";
  const std::size_t total = in.pairs.size();
  if (drawn < total || hidden_rows)
    out += fmt::format(
        "<p class=\"note\">Drawn: {} of {} ops ({}){}.</p>\n", format_count(static_cast<std::int64_t>(drawn)),
        format_count(static_cast<std::int64_t>(total)),
        escape(fmt::format("{} .. {}", format_time_s(f.t0), format_time_s(f.t1))),
        hidden_rows ? fmt::format("; {} more processes not shown", hidden_rows) : std::string());
  return out;
}

}  // namespace faultline::harness::report
