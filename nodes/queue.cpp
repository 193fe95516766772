// queue: the correct answer to our queue workload: exactly-once, FIFO
// delivery under partitions, loss and duplication, provided the harness
// counts timed-out operations as indeterminate. One leader (the first node)
// holds the queue; followers forward with retries, and the leader applies
// each client request once however often it arrives (see lib/queue_node.hpp).
#include "lib/queue_node.hpp"

int main() { return fl_node::run_queue_node({}); }
