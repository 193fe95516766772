#include "workloads/kafka.hpp"

#include <algorithm>
#include <random>

#include "history/json_list.hpp"
#include "workloads/schema.hpp"

namespace faultline::workloads {

namespace json = boost::json;

namespace {

constexpr int kAssignOneIn = 64;

int int_or(const json::object& p, const char* name, int fallback) {
  return p.contains(name) ? static_cast<int>(param_int(p, name)) : fallback;
}

// [[offset, msg]...] with integer offsets, or why not.
std::optional<std::string> bad_messages(const json::value& v) {
  const auto* msgs = v.if_object();
  if (!msgs) return "field 'msgs' should be an object, got " + json::serialize(v);
  for (const auto& [key, list] : *msgs) {
    const auto* a = list.if_array();
    if (!a) return "msgs of key " + std::string(key) + " should be an array, got " + json::serialize(list);
    for (const auto& pair : *a) {
      const auto* p = pair.if_array();
      if (!p || p->size() != 2 || !(*p)[0].is_int64())
        return "msgs of key " + std::string(key) + " hold " + json::serialize(pair) + ", not [offset, msg]";
    }
  }
  return std::nullopt;
}

std::optional<std::string> bad_offsets(const json::value& v) {
  const auto* o = v.if_object();
  if (!o) return "field 'offsets' should be an object, got " + json::serialize(v);
  for (const auto& [key, offset] : *o)
    if (!offset.is_int64()) return "offset of key " + std::string(key) + " is " + json::serialize(offset);
  return std::nullopt;
}

}  // namespace

KafkaWorkload::KafkaWorkload(const WorkloadContext& context)
    : key_count_(std::max(1, int_or(context.params, "key_count", 10))),
      max_writes_per_key_(std::max(1, int_or(context.params, "max_writes_per_key", 16))),
      final_polls_(std::max(1, int_or(context.params, "final_polls", 20))) {
  for (int i = 0; i < key_count_; ++i) active_.push_back(std::to_string(next_key_++));
  sent_.assign(active_.size(), 0);
}

Invocation KafkaWorkload::assign(std::vector<std::string> keys) const {
  json::array a;
  for (auto& k : keys) a.push_back(json::string(k));
  return {"assign", std::move(a)};
}

Invocation KafkaWorkload::poll(const Consumer& c) const {
  json::object from;
  for (const auto& [k, off] : c.offsets) from[k] = off;
  return {"poll", history::list_of_one(json::array{"poll", std::move(from)})};
}

std::optional<Invocation> KafkaWorkload::next(const ClientSlot& client, history::Rng& rng) {
  Consumer& c = consumers_[client.thread];
  if (!c.to_commit.empty()) {
    json::object offsets;
    for (const auto& [k, off] : c.to_commit) offsets[k] = off;
    c.to_commit.clear();
    return Invocation{"commit_offsets", std::move(offsets)};
  }
  if (!c.assigned || std::uniform_int_distribution<int>(1, kAssignOneIn)(rng) == 1) {
    std::vector<std::string> keys;
    for (const auto& k : active_)
      if (rng() & 1) keys.push_back(k);
    if (keys.empty()) keys.push_back(active_[rng() % active_.size()]);
    return assign(std::move(keys));
  }
  if (rng() & 1) return poll(c);
  std::size_t slot = 0;  // slot i with probability 2^-(i+1)
  while (slot + 1 < active_.size() && (rng() & 1)) ++slot;
  const std::string key = active_[slot];
  const int msg = ++sent_[slot];
  all_keys_.insert(key);
  if (msg >= max_writes_per_key_) {
    active_[slot] = std::to_string(next_key_++);
    sent_[slot] = 0;
  }
  return Invocation{"send", history::list_of_one(json::array{"send", json::string(key), msg})};
}

std::optional<Invocation> KafkaWorkload::next_final(const ClientSlot& client, history::Rng&) {
  Consumer& c = consumers_[client.thread];
  if (!c.final_assigned) {
    c.final_assigned = true;
    c.to_commit.clear();
    c.idle_polls = 0;
    return assign({all_keys_.begin(), all_keys_.end()});
  }
  bool behind = false;
  for (const auto& [key, top] : highest_acked_) {
    auto it = c.offsets.find(key);
    behind = behind || it == c.offsets.end() || it->second <= top;
  }
  if (!behind || c.idle_polls >= final_polls_ || c.offsets.empty()) return std::nullopt;
  return poll(c);
}

void KafkaWorkload::observe(const ClientSlot& client, const Invocation& op, const Outcome& outcome) {
  Consumer& c = consumers_[client.thread];
  const bool ok = outcome.type == history::OpType::Ok;
  if (op.f == "assign") {
    if (!ok) return;
    c.assigned = true;
    c.offsets.clear();
    const auto& committed = outcome.value.as_object();
    for (const auto& k : op.value.as_array()) {
      const std::string key(k.as_string());
      // The final read starts from the beginning: it must see every message.
      const auto* off = c.final_assigned ? nullptr : committed.if_contains(key);
      c.offsets[key] = off ? off->as_int64() + 1 : 0;
    }
  } else if (op.f == "send" && ok) {
    const auto& sent = outcome.value.as_array()[0].as_array();
    const std::string key(sent[1].as_string());
    const std::int64_t offset = sent[2].as_array()[0].as_int64();
    auto [it, fresh] = highest_acked_.emplace(key, offset);
    if (!fresh) it->second = std::max(it->second, offset);
  } else if (op.f == "poll") {
    bool progress = false;
    if (ok) {
      for (const auto& [key, list] : outcome.value.as_array()[0].as_array()[1].as_object()) {
        std::int64_t top = -1;
        for (const auto& pair : list.as_array()) top = std::max(top, pair.as_array()[0].as_int64());
        if (top < 0) continue;
        auto& next = c.offsets[std::string(key)];
        progress = progress || top + 1 > next;
        next = std::max(next, top + 1);
        if (!c.final_assigned) c.to_commit[std::string(key)] = top;
      }
    }
    c.idle_polls = progress ? 0 : c.idle_polls + 1;
  }
}

json::object KafkaWorkload::encode(const Invocation& op) const {
  if (op.f == "send") {
    const auto& mop = op.value.as_array()[0].as_array();
    return {{"type", "send"}, {"key", mop[1]}, {"msg", mop[2]}};
  }
  if (op.f == "poll") return {{"type", "poll"}, {"offsets", op.value.as_array()[0].as_array()[1]}};
  if (op.f == "commit_offsets") return {{"type", "commit_offsets"}, {"offsets", op.value}};
  return {{"type", "list_committed_offsets"}, {"keys", op.value}};
}

Outcome KafkaWorkload::decode(const Invocation& op, const json::object& reply) const {
  if (op.f == "send") {
    if (auto bad = check_reply(reply, "send_ok", {{"offset", JsonKind::Int}})) return schema_violation(*bad);
    const auto& mop = op.value.as_array()[0].as_array();
    json::array done{"send", mop[1], json::array{reply.at("offset"), mop[2]}};
    return {history::OpType::Ok, history::list_of_one(std::move(done)), nullptr};
  }
  if (op.f == "poll") {
    if (auto bad = check_reply(reply, "poll_ok", {{"msgs", JsonKind::Object}})) return schema_violation(*bad);
    if (auto bad = bad_messages(reply.at("msgs"))) return schema_violation(*bad);
    return {history::OpType::Ok, history::list_of_one(json::array{"poll", reply.at("msgs")}), nullptr};
  }
  if (op.f == "commit_offsets") {
    if (auto bad = check_reply(reply, "commit_offsets_ok", {})) return schema_violation(*bad);
    return {history::OpType::Ok, op.value, nullptr};
  }
  if (auto bad = check_reply(reply, "list_committed_offsets_ok", {{"offsets", JsonKind::Object}}))
    return schema_violation(*bad);
  if (auto bad = bad_offsets(reply.at("offsets"))) return schema_violation(*bad);
  return {history::OpType::Ok, reply.at("offsets"), nullptr};
}

std::vector<CheckerSpec> KafkaWorkload::default_checkers() const { return {{"kafka", {}}, {"stats", {}}}; }

std::vector<ParamSpec> KafkaWorkload::param_specs() {
  return {
      {"key_count", ParamKind::Int, 10, "active keys at a time (exponential popularity)", {}, 1, 1e6},
      {"max_writes_per_key",
       ParamKind::Int,
       16,
       "messages sent to a key before a fresh key replaces it",
       {},
       1,
       1e9},
      {"final_polls",
       ParamKind::Int,
       20,
       "final phase: a client stops after this many polls in a row that bring nothing new",
       {},
       1,
       1e6},
  };
}

}  // namespace faultline::workloads
