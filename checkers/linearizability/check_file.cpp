#include "checkers/linearizability/check_file.hpp"

#include <exception>

#include "history/edn.hpp"
#include "history/jsonl.hpp"

namespace faultline::checkers::lin {

history::History load_history_file(const std::string& path) {
  bool edn = path.size() >= 4 && path.compare(path.size() - 4, 4, ".edn") == 0;
  return edn ? history::read_edn(path) : history::read_jsonl(path);
}

CheckResult check_file(const std::string& path, const LinOptions& options) {
  history::History h;
  try {
    h = load_history_file(path);
  } catch (const std::exception& e) {
    CheckResult r;
    r.verdict = Verdict::Unknown;
    r.details["model"] = options.model;
    r.details["error"] = e.what();
    return r;
  }
  auto r = check_history(h, options);
  r.details["file"] = path;
  return r;
}

}  // namespace faultline::checkers::lin
