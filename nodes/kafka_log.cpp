// kafka_log: the correct answer to Maelstrom's kafka workload under
// partitions, loss, duplication and reordering. The first node owns every
// log and the committed offsets; the others forward with retries, and the
// owner applies each client request once (lib/owner.hpp), so a retried send
// is never appended twice.
#include "lib/kafka_log.hpp"
#include "lib/owner.hpp"

int main() {
  fl_node::Node node;
  fl_node::KafkaLog log;
  fl_node::Owner owner(
      node, fl_node::Owner::ApplyNow([&](const fl_node::json::object& r) { return log.apply(r); }));
  owner.serve({"send", "poll", "commit_offsets", "list_committed_offsets"});
  return node.run();
}
