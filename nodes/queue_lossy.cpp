// queue_lossy (deliberately wrong): a follower acknowledges enqueue before
// the value is stored, then forwards it to the leader once, fire-and-forget.
// A value dropped by a lossy link or a partition was acknowledged but never
// enqueued, so the queue checker reports it lost.
#include "lib/queue_node.hpp"

int main() {
  fl_node::QueueNodeOptions options;
  options.ack_enqueue_before_storing = true;
  return fl_node::run_queue_node(options);
}
