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

}  // namespace

History read_history_file(const std::string& path) {
  const bool edn = path.size() >= 4 && path.compare(path.size() - 4, 4, ".edn") == 0;
  History h;
  if (edn) {
    h = read_edn(path);
  } else {
    const char c = first_significant(path);
    if (c == '[')
      h = read_json_array(path);
    else if (c == '{')
      h = read_jsonl(path);
    else if (c == '\0')
      throw std::runtime_error(path + ": the file is empty; " + kExpected);
    else
      throw std::runtime_error(path + ": starts with '" + std::string(1, c) + "'; " + kExpected);
  }
  if (h.empty()) throw std::runtime_error(path + ": no operations in the file; " + kExpected);
  return h;
}

}  // namespace faultline::history
