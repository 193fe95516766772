#include "checkers/linearizability/checker.hpp"

#include "checkers/linearizability/check_file.hpp"

namespace faultline::checkers::lin {

CheckResult LinearizabilityChecker::check(const history::History& history) const {
  return check_history(history, options_);
}

}  // namespace faultline::checkers::lin
