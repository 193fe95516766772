// unique_ids: cluster-wide unique ids without coordination. An id is
// "<node>-<boot>-<counter>": the node id separates nodes, the random boot id
// separates incarnations of one node (a restart resets the counter), and the
// counter separates requests within one incarnation.
#include "lib/node.hpp"

#include <cstdint>
#include <random>
#include <sstream>

namespace {

std::string random_boot_id() {
  std::random_device device;
  std::uint64_t bits = (std::uint64_t{device()} << 32) ^ device();
  std::ostringstream hex;
  hex << std::hex << bits;
  return hex.str();
}

}  // namespace

int main() {
  fl_node::Node node;
  const std::string boot = random_boot_id();
  std::uint64_t counter = 0;  // handlers run on one thread: no atomics needed
  node.on("generate", [&](const fl_node::Message& req) {
    std::string id = node.node_id() + "-" + boot + "-" + std::to_string(counter++);
    node.reply(req, {{"type", "generate_ok"}, {"id", id}});
  });
  return node.run();
}
