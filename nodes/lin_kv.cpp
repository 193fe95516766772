// lin_kv: a linearizable key-value store (Maelstrom lin-kv: read, write, cas).
//
// The first node in node_ids is the fixed leader. It appends every client
// operation — reads included, so a read is ordered like any write — to a
// replicated log, sends new entries to the followers, and applies an entry
// (and answers its client) once a majority, itself included, holds it.
// Followers forward client requests to the leader and relay the answer; if
// no answer comes they stay silent, because the op may still happen (the
// client records info). Without a majority nothing commits and nothing is
// answered, so partitions cost availability, never correctness.
//
// With --data-dir DIR the log is fsynced to DIR/log.jsonl before the leader
// counts an entry or a follower acknowledges it, so a killed node restarts
// with everything it ever acknowledged. A leader that starts with an empty
// log (first start, no data dir, or a wiped one) first collects the logs of
// n - majority + 1 followers and adopts the longest: every committed entry is
// on a majority, and any majority meets that many followers.
// Usage: lin_kv [--data-dir DIR]
#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "lib/counter_node.hpp"  // data_dir_argument
#include "lin_kv_common.hpp"

namespace {

using namespace fl_node;
using fl_node::lin_kv::DurableLog;
using fl_node::lin_kv::KvMachine;

constexpr Millis kHeartbeat{100};
constexpr Millis kSyncRetry{300};
constexpr Millis kForwardTimeout{10000};
constexpr std::size_t kMaxBatch = 128;

class LinKvNode {
 public:
  LinKvNode(Node& node, std::optional<std::filesystem::path> data_dir) : node_(node) {
    if (data_dir) {
      std::filesystem::create_directories(*data_dir);
      disk_.emplace(*data_dir / "log.jsonl");
      log_ = disk_->load();
      for (const auto& e : log_) seen_.insert(std::string(e.at("id").as_string()));
    }
    for (const char* type : {"read", "write", "cas"})
      node_.on(type, [this](const Message& m) { on_client(m); });
    node_.on("forward", [this](const Message& m) { on_forward(m); });
    node_.on("append", [this](const Message& m) { on_append(m); });
    node_.on("append_ok", [this](const Message& m) { on_append_ok(m); });
    node_.on("sync", [this](const Message& m) { on_sync(m); });
    node_.on_init([this] { start(); });
  }

 private:
  bool leader() const { return node_.node_id() == leader_id(); }
  const std::string& leader_id() const { return node_.node_ids().front(); }
  std::size_t majority() const { return node_.node_ids().size() / 2 + 1; }

  void start() {
    if (!leader()) return;
    for (const auto& f : node_.peers()) {
      next_[f] = log_.size();
      match_[f] = 0;
    }
    recovering_ = log_.empty() && node_.node_ids().size() > 1;
    if (recovering_) request_sync();
    node_.every(kHeartbeat, [this] {
      if (recovering_) return;
      for (const auto& f : node_.peers()) replicate(f);
    });
  }

  // --- recovery (leader with an empty log) -------------------------------

  void request_sync() {
    if (!recovering_) return;
    for (const auto& f : node_.peers()) {
      if (synced_.contains(f)) continue;
      node_.rpc(
          f, {{"type", "sync"}},
          [this, f](std::optional<Message> reply) {
            if (!reply || reply->type() != "sync_ok" || !recovering_) return;
            synced_.insert(f);
            const auto& entries = reply->body.at("entries").as_array();
            if (entries.size() > log_.size()) {
              std::vector<json::object> adopted;
              for (std::size_t i = log_.size(); i < entries.size(); ++i)
                adopted.push_back(entries[i].as_object());
              append_local(adopted);
            }
            // Enough followers that every majority (which could have committed
            // without us) shares one with them: n - majority + 1.
            if (synced_.size() >= node_.node_ids().size() - majority() + 1) finish_recovery();
          },
          kSyncRetry);
    }
    node_.after(kSyncRetry, [this] { request_sync(); });
  }

  void finish_recovery() {
    recovering_ = false;
    node_.log("recovered a log of " + std::to_string(log_.size()) + " entries");
    for (const auto& f : node_.peers()) next_[f] = 0;
    auto waiting = std::move(queued_);
    queued_.clear();
    for (const auto& m : waiting) dispatch_at_leader(m.first, m.second);
    for (const auto& f : node_.peers()) replicate(f);
  }

  void on_sync(const Message& m) {
    json::array entries;
    for (const auto& e : log_) entries.push_back(e);
    node_.reply(m, {{"type", "sync_ok"}, {"entries", std::move(entries)}});
  }

  // --- client requests ---------------------------------------------------

  static std::string origin(const Message& m) {
    return m.src + "/" + std::to_string(m.msg_id().value_or(-1));
  }

  void on_client(const Message& m) {
    json::object op = lin_kv::kv_operation(m.body);  // malformed -> error 12
    if (leader()) {
      dispatch_at_leader(m, {{"op", std::move(op)}, {"id", origin(m)}});
      return;
    }
    // The network may duplicate a request; forward it once.
    if (!forwarded_.insert(origin(m)).second) return;
    node_.rpc(
        leader_id(), {{"type", "forward"}, {"op", std::move(op)}, {"id", origin(m)}},
        [this, m](std::optional<Message> reply) {
          if (!reply) return;  // unknown outcome: let the client time out
          json::object body = reply->body;
          body.erase("in_reply_to");
          body.erase("msg_id");
          node_.reply(m, std::move(body));
        },
        kForwardTimeout);
  }

  void on_forward(const Message& m) {
    if (!leader()) return;  // misrouted; the follower will time out
    json::object entry{{"op", lin_kv::kv_operation(field(m.body, "op").as_object())},
                       {"id", string_field(m.body, "id")}};
    dispatch_at_leader(m, std::move(entry));
  }

  // Appends a client op (identified by its client's src/msg_id) and answers
  // `reply_to` once it is committed and applied.
  void dispatch_at_leader(const Message& reply_to, json::object entry) {
    if (recovering_) {
      queued_.emplace_back(reply_to, std::move(entry));
      return;
    }
    if (!seen_.insert(std::string(entry.at("id").as_string())).second) return;  // duplicate
    pending_[log_.size()] = reply_to;
    append_local({std::move(entry)});
    for (const auto& f : node_.peers())
      if (next_[f] + 1 == log_.size()) replicate(f);  // laggards catch up on the heartbeat
    advance_commit();
  }

  // --- replication -------------------------------------------------------

  void append_local(const std::vector<json::object>& entries) {
    if (disk_) disk_->append(entries);  // durable before anyone counts it
    for (const auto& e : entries) {
      seen_.insert(std::string(e.at("id").as_string()));
      log_.push_back(e);
    }
  }

  void replicate(const std::string& f) {
    const std::size_t start = std::min(next_[f], log_.size());
    json::array entries;
    for (std::size_t i = start; i < log_.size() && entries.size() < kMaxBatch; ++i)
      entries.push_back(log_[i]);
    node_.send(f, {{"type", "append"}, {"start", start}, {"entries", std::move(entries)}});
  }

  void on_append(const Message& m) {
    if (m.src != leader_id()) return;
    const auto start = static_cast<std::size_t>(int_field(m.body, "start"));
    const auto& entries = field(m.body, "entries").as_array();
    std::vector<json::object> fresh;
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const std::size_t index = start + i;
      const auto& entry = entries[i].as_object();
      if (index > log_.size()) break;  // a gap: our length in the ack fixes it
      if (index < log_.size()) {
        if (log_[index] == entry) continue;
        // Only after the leader lost its log: its history replaces ours.
        log_.resize(index);
        if (disk_) disk_->rewrite(log_);
      }
      fresh.push_back(entry);
      log_.push_back(entry);
    }
    if (disk_) disk_->append(fresh);  // durable before the ack
    node_.send(m.src, {{"type", "append_ok"}, {"len", log_.size()}});
  }

  void on_append_ok(const Message& m) {
    if (!leader() || !next_.contains(m.src)) return;
    const auto len = std::min(static_cast<std::size_t>(int_field(m.body, "len")), log_.size());
    next_[m.src] = len;
    match_[m.src] = len;
    advance_commit();
    if (len < log_.size()) replicate(m.src);
  }

  void advance_commit() {
    if (recovering_) return;
    std::vector<std::size_t> held{log_.size()};
    for (const auto& [f, n] : match_) held.push_back(n);
    std::sort(held.rbegin(), held.rend());
    const std::size_t committed = held[majority() - 1];
    while (applied_ < committed) {
      json::object reply = machine_.apply(log_[applied_].at("op").as_object());
      auto it = pending_.find(applied_);
      if (it != pending_.end()) {
        node_.reply(it->second, std::move(reply));
        pending_.erase(it);
      }
      ++applied_;
    }
  }

  Node& node_;
  std::optional<DurableLog> disk_;
  std::vector<json::object> log_;
  std::set<std::string> seen_;       // op ids in the log: duplicates are dropped
  std::set<std::string> forwarded_;  // follower: requests already forwarded
  KvMachine machine_;
  std::size_t applied_ = 0;  // leader: entries applied (= committed so far)
  std::map<std::size_t, Message> pending_;
  std::map<std::string, std::size_t> next_, match_;
  bool recovering_ = false;
  std::set<std::string> synced_;
  std::vector<std::pair<Message, json::object>> queued_;
};

}  // namespace

int main(int argc, char** argv) {
  fl_node::Node node;
  try {
    LinKvNode kv(node, fl_node::data_dir_argument(argc, argv));
    return node.run();
  } catch (const std::exception& e) {
    node.log(std::string("fatal: ") + e.what());
    return 1;
  }
}
