#pragma once
// The one table of checkers a scenario may name. Options are the scenario's
// checker entry (minus `type`), already parsed to JSON.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "checkers/checker.hpp"

namespace faultline::checkers {

using CheckerFactory = std::function<std::unique_ptr<Checker>(const boost::json::object& options)>;

struct CheckerEntry {
  std::string name;
  std::string summary;
  CheckerFactory make;
};

// All registered checkers, in a stable order.
const std::vector<CheckerEntry>& checker_table();
// Throws std::invalid_argument naming the unknown checker and the known ones.
std::unique_ptr<Checker> make_checker(const std::string& name, const boost::json::object& options = {});

}  // namespace faultline::checkers
