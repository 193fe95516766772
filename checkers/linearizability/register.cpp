#include "checkers/linearizability/register.hpp"

#include "checkers/linearizability/checker.hpp"
#include "checkers/linearizability/model.hpp"

namespace faultline::checkers {

CheckerEntry linearizability_checker_entry() {
  return CheckerEntry{"linearizable",
                      "every op took effect atomically between its invocation and completion (models: " +
                          lin::model_names_text(", ") + ")",
                      [](const boost::json::object& options) -> std::unique_ptr<Checker> {
                        return std::make_unique<lin::LinearizabilityChecker>(lin::parse_lin_options(options));
                      }};
}

}  // namespace faultline::checkers
