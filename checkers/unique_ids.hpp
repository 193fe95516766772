#pragma once
// `unique-ids`: every acknowledged `generate` must return an id no other
// acknowledged generate returned (Maelstrom's unique-ids workload).
#include "checkers/checker.hpp"

namespace faultline::checkers {

class UniqueIdsChecker : public Checker {
 public:
  std::string name() const override { return "unique-ids"; }
  // Details: attempted-count, acknowledged-count, duplicated-count, duplicated
  // (up to 48 ids, most repeated first, each with the ops that returned it),
  // range [min, max] when ids are comparable (integers, or strings) or
  // "incomparable". Invalid iff an id repeats; unknown if nothing was acked.
  CheckResult check(const history::History& history) const override;
};

}  // namespace faultline::checkers
