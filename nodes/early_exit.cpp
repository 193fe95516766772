// early_exit (deliberately crashing): answers init and echoes, then about a
// second later gives up and exits with status 3. A harness must report the
// node crash (Maelstrom: any exit before teardown is a crash).
#include "lib/node.hpp"

#include <cstdlib>

int main() {
  fl_node::Node node;
  node.on("echo", [&](const fl_node::Message& req) {
    node.reply(req, {{"type", "echo_ok"}, {"echo", fl_node::field(req.body, "echo")}});
  });
  node.after(fl_node::Millis(1000), [&] {
    node.log("early_exit: giving up");
    std::_Exit(3);  // no unwinding: a crash, not a shutdown
  });
  return node.run();
}
