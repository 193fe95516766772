#pragma once
// `echo`: every echo reply must carry exactly the value that was sent. As in
// Maelstrom, a timeout or error reply is also an error: echo has no excuse.
#include "checkers/checker.hpp"

namespace faultline::checkers {

class EchoChecker : public Checker {
 public:
  std::string name() const override { return "echo"; }
  // Details: ok-count, errors-count, errors (first 32: kind mismatch / fail /
  // info, with the invoke and completion ops, expected and got), pending-count
  // (invokes with no completion in a partial history; not an error).
  // Invalid on any error; unknown if there are no echo ops.
  CheckResult check(const history::History& history) const override;
};

}  // namespace faultline::checkers
