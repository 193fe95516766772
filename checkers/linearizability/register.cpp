#include "checkers/linearizability/register.hpp"

#include "checkers/linearizability/checker.hpp"

namespace faultline::checkers {

CheckerEntry linearizability_checker_entry() {
  return CheckerEntry{"linearizable",
                      "every op took effect atomically between its invocation and completion (models: "
                      "register, cas-register, "
                      "kv, set, fifo-queue, mutex)",
                      [](const boost::json::object& options) -> std::unique_ptr<Checker> {
                        return std::make_unique<lin::LinearizabilityChecker>(lin::parse_lin_options(options));
                      }};
}

}  // namespace faultline::checkers
