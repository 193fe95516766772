#include "history/history_file.hpp"

#include <cctype>
#include <fstream>
#include <stdexcept>
#include <utility>

#include "history/edn.hpp"
#include "history/json_array.hpp"
#include "history/jsonl.hpp"

namespace faultline::history {

namespace {

constexpr const char* kExpected =
    "expected Faultline JSONL (one op object per line), Jepsen EDN (.edn) or a JSON array of op objects";

// The first two characters that are not whitespace ('\0' where there are none).
std::pair<char, char> first_significant(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  char found[2] = {'\0', '\0'};
  int n = 0;
  for (char c; n < 2 && in.get(c);)
    if (!std::isspace(static_cast<unsigned char>(c))) found[n++] = c;
  return {found[0], found[1]};
}

HistoryFormat detect(const std::string& path) {
  if (path.size() >= 4 && path.compare(path.size() - 4, 4, ".edn") == 0) return HistoryFormat::Edn;
  const auto [c, next] = first_significant(path);
  if (c == '[') return HistoryFormat::JsonArray;
  if (c == '#' || (c == '{' && next == ':')) return HistoryFormat::Edn;
  if (c == '{') return HistoryFormat::Jsonl;
  if (c == '\0') throw std::runtime_error(path + ": the file is empty; " + kExpected);
  throw std::runtime_error(path + ": starts with '" + std::string(1, c) + "'; " + kExpected);
}

History read_strict(const std::string& path, ReadNotes& notes, ReadMode mode, HistoryFormat format) {
  if (format == HistoryFormat::Auto) format = detect(path);
  History h;
  switch (format) {
    case HistoryFormat::Edn:
      h = read_edn(path);
      break;
    case HistoryFormat::JsonArray:
      h = read_json_array(path);
      break;
    default:
      h = read_jsonl(path, &notes, mode);
  }
  if (h.empty()) throw std::runtime_error(path + ": no operations in the file; " + kExpected);
  return h;
}

}  // namespace

std::optional<HistoryFormat> history_format_from_name(std::string_view name) {
  if (name == "auto") return HistoryFormat::Auto;
  if (name == "jsonl") return HistoryFormat::Jsonl;
  if (name == "edn" || name == "porcupine-kv") return HistoryFormat::Edn;
  if (name == "json") return HistoryFormat::JsonArray;
  return std::nullopt;
}

const char* history_format_names() { return "auto, jsonl, edn, json, porcupine-kv"; }

History read_history_file(const std::string& path, ReadNotes* notes, ReadMode mode, HistoryFormat format) {
  ReadNotes local;
  ReadNotes& n = notes ? *notes : local;
  if (mode == ReadMode::Strict) return read_strict(path, n, mode, format);
  try {
    return read_strict(path, n, mode, format);
  } catch (const std::exception& e) {
    // Only what is left after skipping bad lines gets here: a missing or
    // empty file, or EDN / a JSON array that does not parse as a whole.
    n.note_problem(e.what());
    return {};
  }
}

}  // namespace faultline::history
