#pragma once
// The report's plots as inline SVG (no scripts, no fetches). Each returns an
// HTML fragment: the <svg>, its legend, and a note on what was sampled or
// aggregated so a million-op history still draws in a browser in seconds.
#include <string>
#include <unordered_set>
#include <vector>

#include "harness/report/fault_windows.hpp"
#include "harness/report/op_pairs.hpp"
#include "history/op.hpp"

namespace faultline::harness::report {

struct PlotInput {
  const history::History& history;
  const std::vector<OpPair>& pairs;
  const std::vector<FaultWindow>& faults;
  std::int64_t end_ns;  // right edge of the time axis
};

// Latency of every op (log scale) at its invoke time, coloured by outcome.
std::string latency_plot(const PlotInput& in);
// Completions per second over time, one line per f and outcome.
std::string throughput_plot(const PlotInput& in);

// Ops per process from invoke to completion. Draws at most `max_ops` ops: a
// window around `focus_index` (a history position, e.g. the first evidence
// op) when the history is larger. Ops whose history position is in
// `highlight` are outlined.
std::string timeline_plot(const PlotInput& in, std::size_t max_ops, std::int64_t focus_index,
                          const std::unordered_set<std::size_t>& highlight, const std::string& title);

}  // namespace faultline::harness::report
