#include "checkers/checker.hpp"

#include <exception>

namespace faultline::checkers {

Verdict merge(Verdict a, Verdict b) {
  if (a == Verdict::Invalid || b == Verdict::Invalid) return Verdict::Invalid;
  if (a == Verdict::Unknown || b == Verdict::Unknown) return Verdict::Unknown;
  return Verdict::Valid;
}

boost::json::value verdict_json(Verdict v) {
  switch (v) {
    case Verdict::Valid:
      return true;
    case Verdict::Invalid:
      return false;
    case Verdict::Unknown:
      return "unknown";
  }
  return "unknown";
}

std::string_view verdict_name(Verdict v) {
  switch (v) {
    case Verdict::Valid:
      return "valid";
    case Verdict::Invalid:
      return "invalid";
    case Verdict::Unknown:
      return "unknown";
  }
  return "unknown";
}

CheckResult check_safe(const Checker& checker, const history::History& history) {
  try {
    return checker.check(history);
  } catch (const std::exception& e) {
    CheckResult r;
    r.verdict = Verdict::Unknown;
    r.details["error"] = std::string("checker threw: ") + e.what();
    return r;
  }
}

}  // namespace faultline::checkers
