#include "checkers/registry.hpp"

#include <stdexcept>

namespace faultline::checkers {

const std::vector<CheckerEntry>& checker_table() {
  static const std::vector<CheckerEntry> table = {};
  return table;
}

std::unique_ptr<Checker> make_checker(const std::string& name, const boost::json::object& options) {
  std::string known;
  for (const auto& entry : checker_table()) {
    if (entry.name == name) return entry.make(options);
    known += (known.empty() ? "" : ", ") + entry.name;
  }
  throw std::invalid_argument("unknown checker '" + name + "' (known: " + known + ")");
}

}  // namespace faultline::checkers
