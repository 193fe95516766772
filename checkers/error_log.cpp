#include "checkers/error_log.hpp"

namespace faultline::checkers {

boost::json::object ErrorLog::examples() const {
  boost::json::object out;
  for (const auto& [type, list] : by_type_) out[type] = list.items();
  return out;
}

boost::json::object ErrorLog::counts() const {
  boost::json::object out;
  for (const auto& [type, list] : by_type_) out[type] = list.count();
  return out;
}

}  // namespace faultline::checkers
