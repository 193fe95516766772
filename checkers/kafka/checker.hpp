#pragma once
// `kafka`: Maelstrom's kafka checker. Errors (see delivery.hpp and
// ordering.hpp): inconsistent-offsets, duplicate, G1a, lost-write, unseen,
// poll-skip, nonmonotonic-poll, nonmonotonic-send and their int- forms.
// Valid iff every error type found is allowed (int-send-skip, as Maelstrom).
// Not checked: transactional kafka (precommitted-read, Elle cycles over
// sends and polls).
#include "checkers/checker.hpp"

namespace faultline::checkers::kafka {

class KafkaChecker : public Checker {
 public:
  std::string name() const override { return "kafka"; }
  CheckResult check(const history::History& history) const override;
};

}  // namespace faultline::checkers::kafka
