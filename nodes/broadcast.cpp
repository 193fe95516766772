// broadcast: the correct answer to Maelstrom's broadcast workload, valid
// under partitions, loss, duplication and reordering.
//
// Every value a node learns is owed to each of its topology neighbours until
// that neighbour acknowledges it. A timer sends each neighbour one batch of
// what it is owed (re-sending a value only once its previous send is old
// enough to have been answered), so values survive lost messages and reach
// nodes behind a healed partition. Values are deduplicated by identity, so
// duplicated gossip is harmless, and newly learned values are passed on to
// the other neighbours, so sparse topologies (line, tree, grid) work.
#include "lib/node.hpp"

#include <algorithm>
#include <set>

namespace {

using fl_node::Clock;
using fl_node::Message;
using fl_node::Millis;

constexpr Millis kGossipEvery{100};
constexpr Millis kResendAfter{400};      // a few round trips of slack
constexpr std::size_t kMaxBatch = 2000;  // keeps lines small after a long partition

class Broadcast {
 public:
  explicit Broadcast(fl_node::Node& node) : node_(node) {
    node_.on("topology", [this](const Message& m) { on_topology(m); });
    node_.on("broadcast", [this](const Message& m) { on_broadcast(m); });
    node_.on("read", [this](const Message& m) { on_read(m); });
    node_.on("gossip", [this](const Message& m) { on_gossip(m); });
    // Until a topology arrives (or if it never does) everyone is a neighbour.
    node_.on_init([this] { neighbours_ = node_.peers(); });
    node_.every(kGossipEvery, [this] { gossip(); });
  }

 private:
  void on_topology(const Message& req) {
    const auto& topology = fl_node::field(req.body, "topology");
    if (!topology.is_object()) throw fl_node::MalformedRequest("topology must be an object");
    std::vector<std::string> mine;
    if (auto* list = topology.get_object().if_contains(node_.node_id())) {
      if (!list->is_array()) throw fl_node::MalformedRequest("neighbour list must be an array");
      for (const auto& v : list->get_array()) {
        if (!v.is_string()) throw fl_node::MalformedRequest("neighbours must be node ids");
        const std::string id(v.get_string());
        if (id == node_.node_id()) continue;
        if (std::find(node_.node_ids().begin(), node_.node_ids().end(), id) == node_.node_ids().end()) {
          node_.log("ignoring unknown neighbour " + id);
          continue;
        }
        mine.push_back(id);
      }
    }
    neighbours_ = std::move(mine);
    // Values learned under the old topology are owed to the new neighbours too.
    for (const auto& n : neighbours_)
      for (auto v : values_) owed_[n].try_emplace(v, Clock::time_point{});
    node_.log("neighbours: " + std::to_string(neighbours_.size()));
    node_.reply(req, {{"type", "topology_ok"}});
  }

  void on_broadcast(const Message& req) {
    learn(fl_node::int_field(req.body, "message"), req.src);
    node_.reply(req, {{"type", "broadcast_ok"}});
  }

  void on_read(const Message& req) {
    fl_node::json::array messages(values_.begin(), values_.end());
    node_.reply(req, {{"type", "read_ok"}, {"messages", std::move(messages)}});
  }

  void on_gossip(const Message& req) {
    const auto& list = fl_node::field(req.body, "messages");
    if (!list.is_array()) throw fl_node::MalformedRequest("messages must be an array");
    for (const auto& v : list.get_array()) {
      if (!v.is_int64()) throw fl_node::MalformedRequest("messages must be integers");
      learn(v.get_int64(), req.src);
      // The sender evidently has it: nothing to send back.
      if (auto owed = owed_.find(req.src); owed != owed_.end()) owed->second.erase(v.get_int64());
    }
    node_.reply(req, {{"type", "gossip_ok"}});
  }

  void learn(std::int64_t value, const std::string& from) {
    if (!values_.insert(value).second) return;
    for (const auto& n : neighbours_)
      if (n != from) owed_[n].try_emplace(value, Clock::time_point{});
  }

  void gossip() {
    const auto now = Clock::now();
    for (auto& [peer, owed] : owed_) {
      fl_node::json::array batch;
      std::vector<std::int64_t> sent;
      for (auto& [value, last_sent] : owed) {
        if (batch.size() >= kMaxBatch) break;
        if (now - last_sent < kResendAfter) continue;
        last_sent = now;
        batch.push_back(value);
        sent.push_back(value);
      }
      if (batch.empty()) continue;
      node_.rpc(
          peer, {{"type", "gossip"}, {"messages", std::move(batch)}},
          [this, peer = peer, sent = std::move(sent)](std::optional<Message> reply) {
            if (!reply || reply->type() != "gossip_ok") return;  // resent later
            auto& owed = owed_[peer];
            for (auto v : sent) owed.erase(v);
          },
          kResendAfter * 2);
    }
  }

  fl_node::Node& node_;
  std::vector<std::string> neighbours_;
  std::set<std::int64_t> values_;
  // neighbour -> value -> when it was last sent there (epoch: never).
  std::map<std::string, std::map<std::int64_t, Clock::time_point>> owed_;
};

}  // namespace

int main() {
  fl_node::Node node;
  Broadcast broadcast(node);
  return node.run();
}
