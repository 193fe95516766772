#pragma once
// Reads a run's history.jsonl for the report. A report must also work for a
// partial run (a harness killed mid-write leaves a torn last line), so bad
// lines are counted and described instead of failing the whole report.
#include <filesystem>
#include <string>
#include <vector>

#include "history/op.hpp"

namespace faultline::harness::report {

struct HistoryLoad {
  history::History ops;
  std::size_t bad_lines = 0;
  std::vector<std::string> first_errors;  // "history.jsonl:17: not JSON", at most a few
};

// Missing file -> empty history plus an error note; never throws on content.
HistoryLoad read_history_for_report(const std::filesystem::path& path);

}  // namespace faultline::harness::report
