#pragma once
// The contract every checker honours: read a finished (or partial) history,
// answer valid / invalid / unknown, and carry the evidence in `details`.
#include <boost/json.hpp>
#include <memory>
#include <string>
#include <string_view>

#include "history/op.hpp"

namespace faultline::checkers {

enum class Verdict { Valid, Invalid, Unknown };

// invalid beats unknown beats valid.
Verdict merge(Verdict a, Verdict b);
// JSON form used in results.json: true, false or "unknown".
boost::json::value verdict_json(Verdict v);
std::string_view verdict_name(Verdict v);  // "valid" / "invalid" / "unknown"

struct CheckResult {
  Verdict verdict = Verdict::Unknown;
  boost::json::object details;  // counts and the offending values with their ops
};

class Checker {
 public:
  virtual ~Checker() = default;
  virtual std::string name() const = 0;
  virtual CheckResult check(const history::History& history) const = 0;
};

// Runs a checker and turns any exception into Unknown with its reason, so one
// broken checker never takes the verdict of the others down with it.
CheckResult check_safe(const Checker& checker, const history::History& history);

}  // namespace faultline::checkers
