#pragma once
// The shared body of the queue nodes (queue, queue_redeliver, queue_lossy)
// for our own queue workload:
//   enqueue{value} -> enqueue_ok
//   dequeue{}      -> dequeue_ok{value}, or error 20 when the queue is empty
//   ack{value}     -> ack_ok
// The first node of node_ids is the leader and holds the only copy of the
// queue; the others forward each client request to it and relay its answer.
#include <chrono>
#include <optional>

namespace fl_node {

struct QueueNodeOptions {
  // queue_redeliver: a dequeued value not acked within this time goes back to
  // the end of the queue, to be handed out again.
  std::optional<std::chrono::milliseconds> redeliver_after;
  // queue_lossy: a follower answers enqueue_ok at once and forwards the value
  // to the leader once, without waiting or retrying.
  bool ack_enqueue_before_storing = false;
  // How long a follower keeps retrying the leader before it gives up and
  // leaves the client to time out (an indeterminate outcome).
  std::chrono::milliseconds retry_every{300};
  std::chrono::milliseconds give_up_after{4000};
};

int run_queue_node(const QueueNodeOptions& options);

}  // namespace fl_node
