// echo: the correct answer to Maelstrom's echo workload.
#include "lib/node.hpp"

int main() {
  fl_node::Node node;
  node.on("echo", [&](const fl_node::Message& req) {
    node.reply(req, {{"type", "echo_ok"}, {"echo", fl_node::field(req.body, "echo")}});
  });
  return node.run();
}
