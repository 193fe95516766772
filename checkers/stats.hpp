#pragma once
// `stats`: ok / fail / info counts per :f. Like Maelstrom, a run where some
// operation never succeeded is invalid: the system was not really exercised.
#include "checkers/checker.hpp"

namespace faultline::checkers {

class StatsChecker : public Checker {
 public:
  std::string name() const override { return "stats"; }
  // Nemesis ops are ignored. An f that was invoked but never completed counts
  // as never ok. Empty (no client ops) -> unknown.
  CheckResult check(const history::History& history) const override;
};

}  // namespace faultline::checkers
