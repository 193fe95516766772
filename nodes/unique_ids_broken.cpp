// unique_ids_broken (deliberately wrong): every node counts from 0 on its own
// and forgets which node it is, so two nodes hand out the same ids as soon as
// both have served a request (and a restarted node repeats its own).
#include "lib/node.hpp"

#include <cstdint>

int main() {
  fl_node::Node node;
  std::int64_t counter = 0;
  node.on("generate", [&](const fl_node::Message& req) {
    node.reply(req, {{"type", "generate_ok"}, {"id", counter++}});
  });
  return node.run();
}
