#include "workloads/errors.hpp"

#include <string>

namespace faultline::workloads {

bool is_definite_error(int code) {
  switch (code) {
    case 1:
    case 10:
    case 11:
    case 12:
    case 14:
    case 20:
    case 21:
    case 22:
    case 30:
      return true;
    default:
      return false;
  }
}

std::string_view error_name(int code) {
  switch (code) {
    case 0:
      return "timeout";
    case 1:
      return "node-not-found";
    case 10:
      return "not-supported";
    case 11:
      return "temporarily-unavailable";
    case 12:
      return "malformed-request";
    case 13:
      return "crash";
    case 14:
      return "abort";
    case 20:
      return "key-does-not-exist";
    case 21:
      return "key-already-exists";
    case 22:
      return "precondition-failed";
    case 30:
      return "txn-conflict";
    default:
      return "unknown";
  }
}

history::OpType outcome_for_error(int code) {
  return is_definite_error(code) ? history::OpType::Fail : history::OpType::Info;
}

boost::json::value error_value(int code, std::string_view text) {
  std::string described(error_name(code));
  if (!text.empty()) described += ": " + std::string(text);
  return boost::json::array{code, boost::json::string(described)};
}

}  // namespace faultline::workloads
