#pragma once
// The `linearizable` checker: check_history behind the Checker interface.
#include "checkers/checker.hpp"
#include "checkers/linearizability/options.hpp"

namespace faultline::checkers::lin {

class LinearizabilityChecker final : public Checker {
 public:
  explicit LinearizabilityChecker(LinOptions options) : options_(std::move(options)) {}
  std::string name() const override { return "linearizable"; }
  CheckResult check(const history::History& history) const override;
  const LinOptions& options() const { return options_; }

 private:
  LinOptions options_;
};

}  // namespace faultline::checkers::lin
