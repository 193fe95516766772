#include "checkers/elle/register.hpp"

namespace faultline::checkers {

CheckerEntry elle_checker_entry(elle::DataModel model) {
  const bool append = model == elle::DataModel::ListAppend;
  const std::string name = append ? "list-append" : "rw-register";
  return CheckerEntry{
      name,
      std::string(append ? "Elle list-append" : "Elle rw-register") +
          ": transactional anomalies (G0, G1a-c, G-single, G-nonadjacent, G2-item and their process/realtime "
          "forms, internal, lost-update, ...) against a consistency model (options: consistency_model, "
          "time_budget)",
      [model, name](const boost::json::object& options) -> std::unique_ptr<Checker> {
        return std::make_unique<elle::ElleChecker>(model, elle::parse_elle_options(name, options));
      }};
}

}  // namespace faultline::checkers
