// early_exit (deliberately crashing): answers init and echoes, then about a
// second later gives up and exits with status 3 (with `--kill`, it SIGKILLs
// itself instead, as the kernel's OOM killer would). A harness must report
// the node crash (Maelstrom: any exit before teardown is a crash), and say
// which it was.
#include "lib/node.hpp"

#include <csignal>
#include <cstdlib>
#include <cstring>

int main(int argc, char** argv) {
  const bool kill_self = argc > 1 && std::strcmp(argv[1], "--kill") == 0;
  fl_node::Node node;
  node.on("echo", [&](const fl_node::Message& req) {
    node.reply(req, {{"type", "echo_ok"}, {"echo", fl_node::field(req.body, "echo")}});
  });
  node.after(fl_node::Millis(1000), [&] {
    node.log("early_exit: giving up");
    if (kill_self) std::raise(SIGKILL);
    std::_Exit(3);  // no unwinding: a crash, not a shutdown
  });
  return node.run();
}
