#include "harness/report/history_reader.hpp"

#include <boost/json.hpp>
#include <fstream>
#include <stdexcept>

#include "history/jsonl.hpp"

namespace faultline::harness::report {

namespace json = boost::json;

namespace {

constexpr std::size_t kMaxNotedErrors = 5;

// The slow path, only for a history read_jsonl rejects: keep every good line
// and say which ones were skipped, because a report of most of a history
// beats no report at all.
void read_skipping_bad_lines(const std::filesystem::path& path, HistoryLoad& load) {
  std::ifstream in(path, std::ios::binary);
  json::parser parser;
  std::string line;
  std::size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    try {
      parser.reset();
      parser.write(line);
      json::value v = parser.release();
      if (!v.is_object()) throw std::invalid_argument("line is not a JSON object");
      history::Op op = history::op_from_json(v.as_object());
      if (!v.as_object().contains("index")) op.index = static_cast<std::int64_t>(load.ops.size());
      load.ops.push_back(std::move(op));
    } catch (const std::exception& e) {
      ++load.bad_lines;
      if (load.first_errors.size() < kMaxNotedErrors)
        load.first_errors.push_back(path.filename().string() + ":" + std::to_string(line_no) + ": " +
                                    e.what());
    }
  }
}

}  // namespace

HistoryLoad read_history_for_report(const std::filesystem::path& path) {
  HistoryLoad load;
  std::ifstream probe(path, std::ios::binary);
  if (!probe) {
    load.first_errors.push_back(path.filename().string() + ": missing or unreadable");
    return load;
  }
  probe.close();
  history::JsonlReadNotes notes;
  try {
    load.ops = history::read_jsonl(path.string(), &notes);
    if (notes.truncated_tail) {
      load.bad_lines = 1;
      load.first_errors.push_back(path.filename().string() + ":" + std::to_string(notes.truncated_line) +
                                  ": incomplete last line (the run stopped mid-write); dropped");
    }
  } catch (const std::exception& e) {
    load = HistoryLoad{};
    read_skipping_bad_lines(path, load);
  }
  return load;
}

}  // namespace faultline::harness::report
