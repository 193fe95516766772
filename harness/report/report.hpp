#pragma once
// The run report: one self-contained report.html per run dir (inline CSS and
// SVG, no scripts, no fetches) that shows the verdict and its evidence.
#include <filesystem>
#include <string>

namespace faultline::harness {

// Reads run_dir/results.json and run_dir/history.jsonl and writes
// run_dir/report.html. A partial run (no results.json, torn history) still
// gets a report that says so. Throws std::runtime_error when run_dir is not a
// directory or report.html cannot be written.
void write_report(const std::filesystem::path& run_dir);

// `faultline report RUN_DIR`: regenerates the report; prints its path.
// Returns 0, or 254 for a bad RUN_DIR (message on stderr).
int report_command(const std::string& run_dir);

}  // namespace faultline::harness
