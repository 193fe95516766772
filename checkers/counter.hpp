#pragma once
// `counter`: g-counter / pn-counter. Adds carry an integer delta, reads an
// integer. The acceptable reads are the sum of the ok adds plus the sum of any
// subset of the indeterminate (info or never-completed) adds; failed adds
// never happened.
//  - With final reads (ops marked final, issued after heal and quiesce): each
//    ok final read must lie in that set (Maelstrom's check).
//  - Without: every ok read must lie between the adds that had surely happened
//    and those that might have, as Jepsen's counter does, generalised to
//    negative deltas:
//      lo = (ok adds completed before the read was invoked)
//           + (negative deltas of other adds invoked before it completed)
//      hi = the same with the positive deltas.
#include "checkers/checker.hpp"

namespace faultline::checkers {

class CounterChecker : public Checker {
 public:
  std::string name() const override { return "counter"; }
  CheckResult check(const history::History& history) const override;
};

}  // namespace faultline::checkers
