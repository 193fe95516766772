// lin_kv_stale: a deliberately NOT linearizable lin-kv node. Every node
// answers reads, writes and cas from its own copy at once and ships changed
// values to its peers in batches every 100 ms, without waiting for them.
// A read on one node can therefore miss a write another node has already
// acknowledged (a stale read), and concurrent writes on two nodes may land
// in different orders on different replicas. Any latency or partition makes
// the linearizability checker fail; with no faults it may still pass.
// Usage: lin_kv_stale [--data-dir DIR]   (the directory is accepted and ignored)
#include <map>

#include "lin_kv_common.hpp"

namespace {

using namespace fl_node;

constexpr Millis kShipEvery{100};

class StaleKvNode {
 public:
  explicit StaleKvNode(Node& node) : node_(node) {
    for (const char* type : {"read", "write", "cas"})
      node_.on(type, [this](const Message& m) { on_client(m); });
    node_.on("replicate", [this](const Message& m) { on_replicate(m); });
    node_.every(kShipEvery, [this] { ship(); });
  }

 private:
  void on_client(const Message& m) {
    const json::object op = lin_kv::kv_operation(m.body);
    json::object reply = machine_.apply(op);
    if (reply.at("type") != "read_ok" && reply.at("type") != "error") {
      const auto& key = op.at("key");
      dirty_[json::serialize(key)] = {key, *machine_.get(key)};
    }
    node_.reply(m, std::move(reply));
  }

  void ship() {
    if (dirty_.empty()) return;
    json::array updates;
    for (const auto& [_, kv] : dirty_) updates.push_back(json::array{kv.first, kv.second});
    dirty_.clear();
    for (const auto& peer : node_.peers()) node_.send(peer, {{"type", "replicate"}, {"updates", updates}});
  }

  void on_replicate(const Message& m) {
    for (const auto& u : field(m.body, "updates").as_array()) {
      const auto& pair = u.as_array();
      machine_.set(pair.at(0), pair.at(1));
    }
  }

  Node& node_;
  lin_kv::KvMachine machine_;
  std::map<std::string, std::pair<json::value, json::value>> dirty_;  // key text -> (key, value)
};

}  // namespace

int main() {
  fl_node::Node node;
  StaleKvNode kv(node);
  return node.run();
}
