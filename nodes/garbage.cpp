// garbage (deliberately misbehaving): an echo node that, before every third
// echo_ok, writes a bad line to stdout, cycling through the three kinds of
// protocol error a harness must survive: text that is not JSON, JSON without
// src/dest, and a message to a destination that does not exist. The echo is
// still answered correctly afterwards, so only the protocol errors show.
#include "lib/node.hpp"

#include <string>

int main() {
  fl_node::Node node;
  int echoes = 0;
  int garbage_kind = 0;
  node.on("echo", [&](const fl_node::Message& req) {
    if (++echoes % 3 == 0) {
      switch (garbage_kind++ % 3) {
        case 0:
          node.write_line("this is not JSON, echo #" + std::to_string(echoes));
          break;
        case 1:
          node.write_line(R"({"body":{"type":"echo_ok","echo":"no envelope"}})");
          break;
        default:
          node.send("nobody-" + std::to_string(echoes), {{"type", "echo_ok"}, {"echo", "to nowhere"}});
          break;
      }
    }
    node.reply(req, {{"type", "echo_ok"}, {"echo", fl_node::field(req.body, "echo")}});
  });
  return node.run();
}
