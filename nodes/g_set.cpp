// g_set: a grow-only set CRDT, the correct answer to Maelstrom's g-set
// workload. Every node periodically sends its whole set to every peer and
// merges (unions) what it receives. Full-state merges need no acks: a lost or
// partitioned message is simply superseded by the next one, and duplicates
// or reordering cannot undo a union.
#include "lib/node.hpp"

#include <map>

int main() {
  fl_node::Node node;
  // Elements may be any JSON value; their serialisation is their identity.
  std::map<std::string, fl_node::json::value> elements;
  auto snapshot = [&] {
    fl_node::json::array out;
    for (const auto& [key, value] : elements) out.push_back(value);
    return out;
  };

  node.on("add", [&](const fl_node::Message& req) {
    const auto& element = fl_node::field(req.body, "element");
    elements.try_emplace(fl_node::json::serialize(element), element);
    node.reply(req, {{"type", "add_ok"}});
  });
  node.on("read", [&](const fl_node::Message& req) {
    node.reply(req, {{"type", "read_ok"}, {"value", snapshot()}});
  });
  node.on("replicate", [&](const fl_node::Message& m) {
    const auto& value = fl_node::field(m.body, "value");
    if (!value.is_array()) throw fl_node::MalformedRequest("value must be an array");
    for (const auto& element : value.get_array())
      elements.try_emplace(fl_node::json::serialize(element), element);
  });
  node.every(fl_node::Millis(250), [&] {
    if (elements.empty()) return;
    fl_node::json::array state = snapshot();
    for (const auto& peer : node.peers()) node.send(peer, {{"type", "replicate"}, {"value", state}});
  });
  return node.run();
}
