// queue_redeliver (deliberately wrong): at-least-once delivery without
// deduplication. A dequeued value that is not acked within 300 ms goes back
// to the queue and is handed out again; our clients never ack, so values
// are delivered twice and the queue checker reports duplicates.
#include "lib/queue_node.hpp"

int main() {
  fl_node::QueueNodeOptions options;
  options.redeliver_after = std::chrono::milliseconds(300);
  return fl_node::run_queue_node(options);
}
