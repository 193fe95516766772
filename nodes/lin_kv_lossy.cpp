// lin_kv_lossy: a deliberately NOT linearizable lin-kv node that loses
// acknowledged writes on failover.
//
// The leader is the first node (in node_ids order) among this node and the
// peers it has heard from in the last 500 ms; everyone pings everyone every
// 100 ms. The leader applies each operation to its own copy, answers at once,
// and ships changed values to the followers in batches every 100 ms, without
// waiting for acknowledgements. Followers forward client requests to the
// leader they see. When the leader is cut off, the others elect the next
// node, which carries on from its own copy: writes the old leader had
// acknowledged but not yet shipped are gone, and the old leader, still
// believing it leads, keeps serving its own clients (split brain). Passes
// without faults; a partition isolating the leader for a few seconds makes
// the linearizability checker fail.
// Usage: lin_kv_lossy [--data-dir DIR]   (the directory is accepted and ignored)
#include <map>

#include "lin_kv_common.hpp"

namespace {

using namespace fl_node;

constexpr Millis kPingEvery{100};
constexpr Millis kShipEvery{100};
constexpr Millis kLeaderTimeout{500};
constexpr Millis kForwardTimeout{1000};

class LossyKvNode {
 public:
  explicit LossyKvNode(Node& node) : node_(node) {
    for (const char* type : {"read", "write", "cas"})
      node_.on(type, [this](const Message& m) { on_client(m); });
    node_.on("forward", [this](const Message& m) { on_forward(m); });
    node_.on("replicate", [this](const Message& m) {
      heard(m);
      on_replicate(m);
    });
    node_.on("ping", [this](const Message& m) { heard(m); });
    node_.on_init([this] {
      // Everyone counts as alive at start, so all nodes agree on the leader
      // before the first ping round.
      for (const auto& p : node_.peers()) last_heard_[p] = Clock::now();
    });
    node_.every(kPingEvery, [this] {
      for (const auto& p : node_.peers()) node_.send(p, {{"type", "ping"}});
    });
    node_.every(kShipEvery, [this] { ship(); });
  }

 private:
  void heard(const Message& m) {
    if (last_heard_.contains(m.src)) last_heard_[m.src] = Clock::now();
  }

  std::string leader() const {
    const auto now = Clock::now();
    for (const auto& id : node_.node_ids()) {
      if (id == node_.node_id()) return id;
      auto it = last_heard_.find(id);
      if (it != last_heard_.end() && now - it->second < kLeaderTimeout) return id;
    }
    return node_.node_id();
  }

  void on_client(const Message& m) {
    json::object op = lin_kv::kv_operation(m.body);
    const std::string lead = leader();
    if (lead == node_.node_id()) {
      node_.reply(m, apply(op));
      return;
    }
    node_.rpc(
        lead, {{"type", "forward"}, {"op", std::move(op)}},
        [this, m](std::optional<Message> reply) {
          if (!reply) return;  // the op may have happened: stay silent
          json::object body = reply->body;
          body.erase("in_reply_to");
          body.erase("msg_id");
          node_.reply(m, std::move(body));
        },
        kForwardTimeout);
  }

  void on_forward(const Message& m) {
    heard(m);
    if (leader() != node_.node_id()) {
      node_.reply_error(m, kTemporarilyUnavailable, "not the leader");  // nothing applied
      return;
    }
    node_.reply(m, apply(lin_kv::kv_operation(field(m.body, "op").as_object())));
  }

  json::object apply(const json::object& op) {
    json::object reply = machine_.apply(op);
    const auto type = reply.at("type").as_string();
    if (type == "write_ok" || type == "cas_ok") {
      const auto& key = op.at("key");
      dirty_[json::serialize(key)] = {key, *machine_.get(key)};
    }
    return reply;
  }

  // The flaw: acknowledged writes reach the followers only here, later, and
  // nobody checks that they arrived.
  void ship() {
    if (dirty_.empty()) return;
    if (leader() != node_.node_id()) {
      dirty_.clear();
      return;
    }
    json::array updates;
    for (const auto& [_, kv] : dirty_) updates.push_back(json::array{kv.first, kv.second});
    dirty_.clear();
    for (const auto& p : node_.peers()) node_.send(p, {{"type", "replicate"}, {"updates", updates}});
  }

  void on_replicate(const Message& m) {
    if (m.src != leader()) return;  // only the leader we follow may overwrite us
    for (const auto& u : field(m.body, "updates").as_array()) {
      const auto& pair = u.as_array();
      machine_.set(pair.at(0), pair.at(1));
    }
  }

  Node& node_;
  lin_kv::KvMachine machine_;
  std::map<std::string, Clock::time_point> last_heard_;
  std::map<std::string, std::pair<json::value, json::value>> dirty_;
};

}  // namespace

int main() {
  fl_node::Node node;
  LossyKvNode kv(node);
  return node.run();
}
