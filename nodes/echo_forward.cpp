// echo_forward: answers Maelstrom's echo workload the way Maelstrom's own
// demo/python/raft.py serves clients: a node that is not the leader (the
// first of node_ids) forwards the client's request to the leader unchanged,
// keeping the client's id as src, and the leader answers the client
// directly. Correct under Maelstrom, which routes any known src.
#include "lib/node.hpp"

int main() {
  fl_node::Node node;
  node.on("echo", [&](const fl_node::Message& req) {
    const std::string& leader = node.node_ids().front();
    if (node.node_id() == leader) {
      node.reply(req, {{"type", "echo_ok"}, {"echo", fl_node::field(req.body, "echo")}});
      return;
    }
    fl_node::json::object forward{{"src", req.src}, {"dest", leader}, {"body", req.body}};
    node.write_line(fl_node::json::serialize(forward));
  });
  return node.run();
}
