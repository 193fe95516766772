#include "history/history_file.hpp"

#include <cctype>
#include <fstream>
#include <stdexcept>

#include "history/edn.hpp"
#include "history/json_array.hpp"
#include "history/jsonl.hpp"

namespace faultline::history {

namespace {

constexpr const char* kExpected =
    "expected Faultline JSONL (one op object per line), Jepsen EDN (.edn) or a JSON array of op objects";

// The first character that is not whitespace, or '\0'.
char first_significant(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  for (char c; in.get(c);)
    if (!std::isspace(static_cast<unsigned char>(c))) return c;
  return '\0';
}

History read_strict(const std::string& path, ReadNotes& notes, ReadMode mode) {
  const bool edn = path.size() >= 4 && path.compare(path.size() - 4, 4, ".edn") == 0;
  History h;
  if (edn) {
    h = read_edn(path);
  } else {
    const char c = first_significant(path);
    if (c == '[')
      h = read_json_array(path);
    else if (c == '{')
      h = read_jsonl(path, &notes, mode);
    else if (c == '\0')
      throw std::runtime_error(path + ": the file is empty; " + kExpected);
    else
      throw std::runtime_error(path + ": starts with '" + std::string(1, c) + "'; " + kExpected);
  }
  if (h.empty()) throw std::runtime_error(path + ": no operations in the file; " + kExpected);
  return h;
}

}  // namespace

History read_history_file(const std::string& path, ReadNotes* notes, ReadMode mode) {
  ReadNotes local;
  ReadNotes& n = notes ? *notes : local;
  if (mode == ReadMode::Strict) return read_strict(path, n, mode);
  try {
    return read_strict(path, n, mode);
  } catch (const std::exception& e) {
    // Only what is left after skipping bad lines gets here: a missing or
    // empty file, or EDN / a JSON array that does not parse as a whole.
    n.note_problem(e.what());
    return {};
  }
}

}  // namespace faultline::history
