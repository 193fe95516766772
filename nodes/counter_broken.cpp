// counter_broken (deliberately wrong): an operation-based counter without
// deduplication or retry. Each add is applied locally and sent once to every
// peer as an "inc"; every "inc" received is applied. A duplicated message is
// counted twice (reads too high) and a lost or partitioned one never (reads
// too low), so final reads leave the acceptable range.
#include "lib/node.hpp"

int main() {
  fl_node::Node node;
  std::int64_t total = 0;
  node.on("add", [&](const fl_node::Message& req) {
    const std::int64_t delta = fl_node::int_field(req.body, "delta");
    total += delta;
    for (const auto& peer : node.peers()) node.send(peer, {{"type", "inc"}, {"delta", delta}});
    node.reply(req, {{"type", "add_ok"}});
  });
  node.on("inc", [&](const fl_node::Message& m) { total += fl_node::int_field(m.body, "delta"); });
  node.on("read", [&](const fl_node::Message& req) {
    node.reply(req, {{"type", "read_ok"}, {"value", total}});
  });
  return node.run();
}
