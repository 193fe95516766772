#pragma once
// The run report: one self-contained report.html per run dir (inline CSS and
// SVG, no scripts, no fetches) that shows the verdict and its evidence.
#include <cstdint>
#include <filesystem>
#include <string>

namespace faultline::harness {

struct ReportOptions {
  // The message diagram's window (ns since start); -1: around the first
  // evidence op, else the first fault, else the start.
  std::int64_t messages_from_ns = -1;
  std::int64_t messages_to_ns = -1;
};

// Reads run_dir/results.json and run_dir/history.jsonl and writes
// run_dir/report.html. A partial run (no results.json, torn history) still
// gets a report that says so. Throws std::runtime_error when run_dir is not a
// directory or report.html cannot be written.
void write_report(const std::filesystem::path& run_dir, const ReportOptions& options = {});

// `faultline report RUN_DIR [--messages FROM..TO]`: regenerates the report;
// prints its path. Returns 0, or 254 for a bad RUN_DIR or window (message on stderr).
int report_command(const std::string& run_dir, const std::string& messages_window = {});

}  // namespace faultline::harness
