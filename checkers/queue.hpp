#pragma once
// `queue`: multiset accounting for a queue (Jepsen's total-queue), plus an
// optional FIFO order check. Ops: f=enqueue value=v; f=dequeue, ok with the
// value taken (fail, or ok with null, means the queue was empty); f=ack
// value=v confirms a dequeued value was processed.
//   lost        enqueued ok, never dequeued          (at-least-once, exactly-once)
//   duplicated  dequeued more times than enqueued    (at-most-once, exactly-once)
//   unexpected  dequeued, never enqueued             (always invalid)
//   recovered   an indeterminate enqueue that was dequeued (fine)
//   redelivered dequeued again after a dequeue that was never acked ok; only
//               when the history has acks, and then not a duplicate
// Lost assumes the history ends with the queue drained (a final drain phase).
#include <string>

#include "checkers/checker.hpp"

namespace faultline::checkers {

enum class DeliveryGuarantee { AtLeastOnce, AtMostOnce, ExactlyOnce };

struct QueueOptions {
  DeliveryGuarantee guarantee = DeliveryGuarantee::ExactlyOnce;
  // If enqueue a completed before enqueue b was invoked, b must not be
  // dequeued (completely) before a's dequeue was invoked.
  bool fifo = false;
};

// Options: guarantee (at-least-once | at-most-once | exactly-once), fifo (bool).
QueueOptions parse_queue_options(const boost::json::object& options);

class QueueChecker : public Checker {
 public:
  explicit QueueChecker(QueueOptions options = {}) : options_(options) {}
  std::string name() const override { return "queue"; }
  // O(n log n): FIFO violations are counted with a Fenwick tree over
  // dequeue times, and the first few pairs are listed.
  CheckResult check(const history::History& history) const override;

 private:
  QueueOptions options_;
};

}  // namespace faultline::checkers
