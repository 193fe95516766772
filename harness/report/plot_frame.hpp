#pragma once
// The shared geometry of every SVG plot: a time axis (seconds since run
// start), a value axis, and fault windows shaded and labelled behind the data
// so a reader sees at once which ops ran under which fault.
#include <cstdint>
#include <string>
#include <vector>

#include "harness/report/fault_windows.hpp"
#include "harness/report/op_pairs.hpp"

namespace faultline::harness::report {

struct PlotFrame {
  int width = 960;
  int height = 280;
  int left = 64;
  int right = 16;
  int top = 40;         // room for fault labels
  int bottom = 36;      // room for the time axis
  std::int64_t t0 = 0;  // ns at the left edge
  std::int64_t t1 = 1;  // ns at the right edge

  double plot_width() const { return width - left - right; }
  double plot_height() const { return height - top - bottom; }
  double x(std::int64_t t) const;
};

const char* outcome_colour(Outcome o);

// <svg ...> opening tag with a title for screen readers and tooltips.
void open_svg(std::string& out, const PlotFrame& frame, const std::string& css_class,
              const std::string& title);
// Time axis with "nice" second ticks and its label.
void draw_time_axis(std::string& out, const PlotFrame& frame);
// Shaded rectangles with a label row per overlapping window.
void draw_fault_windows(std::string& out, const PlotFrame& frame, const std::vector<FaultWindow>& faults,
                        std::int64_t history_end);
// A legend as HTML below the plot (it wraps with the page instead of
// fighting the fault labels for room inside the SVG).
struct LegendEntry {
  std::string label;
  std::string colour;
  std::string dash;  // SVG stroke-dasharray, empty for solid
};
std::string legend_html(const std::vector<LegendEntry>& entries);

// Tick step that gives about `target` ticks over `span` (1, 2, 5 x 10^k).
double nice_step(double span, int target);

}  // namespace faultline::harness::report
