// broadcast_broken (deliberately wrong): forwards each new value once to its
// topology neighbours, fire-and-forget. Nothing is acknowledged or retried,
// so a value sent into a partition or dropped by a lossy link is lost for
// every node behind it; the broadcast checker reports it as lost.
#include "lib/node.hpp"

#include <set>

int main() {
  fl_node::Node node;
  std::vector<std::string> neighbours;
  std::set<std::int64_t> values;

  auto learn = [&](std::int64_t value, const std::string& from) {
    if (!values.insert(value).second) return;
    for (const auto& n : neighbours)
      if (n != from) node.send(n, {{"type", "gossip"}, {"message", value}});
  };

  node.on_init([&] { neighbours = node.peers(); });
  node.on("topology", [&](const fl_node::Message& req) {
    const auto& topology = fl_node::field(req.body, "topology");
    if (!topology.is_object()) throw fl_node::MalformedRequest("topology must be an object");
    neighbours.clear();
    if (auto* list = topology.get_object().if_contains(node.node_id()); list && list->is_array())
      for (const auto& v : list->get_array())
        if (v.is_string() && v.get_string() != node.node_id()) neighbours.emplace_back(v.get_string());
    node.reply(req, {{"type", "topology_ok"}});
  });
  node.on("broadcast", [&](const fl_node::Message& req) {
    learn(fl_node::int_field(req.body, "message"), req.src);
    node.reply(req, {{"type", "broadcast_ok"}});
  });
  node.on("gossip", [&](const fl_node::Message& m) { learn(fl_node::int_field(m.body, "message"), m.src); });
  node.on("read", [&](const fl_node::Message& req) {
    node.reply(req, {{"type", "read_ok"}, {"messages", fl_node::json::array(values.begin(), values.end())}});
  });
  return node.run();
}
