#include "checkers/linearizability/check_file.hpp"

#include <exception>

#include "history/history_file.hpp"

namespace faultline::checkers::lin {

CheckResult check_file(const std::string& path, const LinOptions& options) {
  history::History h;
  try {
    h = history::read_history_file(path);
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
