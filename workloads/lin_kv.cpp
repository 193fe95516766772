#include "workloads/lin_kv.hpp"

#include <algorithm>
#include <random>

#include "workloads/schema.hpp"

namespace faultline::workloads {

namespace {

constexpr int kMaxValue = 4;

boost::json::value tuple(boost::json::value key, boost::json::value v) {
  return boost::json::array{key, std::move(v)};
}

// The key of an independent tuple [k, v]; encode() is only given ops that
// next() made, but a malformed one must not crash the harness.
const boost::json::value& tuple_key(const Invocation& op) {
  static const boost::json::value null;
  const auto* arr = op.value.if_array();
  return arr && arr->size() == 2 ? (*arr)[0] : null;
}

const boost::json::value& tuple_value(const Invocation& op) {
  static const boost::json::value null;
  const auto* arr = op.value.if_array();
  return arr && arr->size() == 2 ? (*arr)[1] : null;
}

std::int64_t read_retire_param(const boost::json::object& params) {
  if (!params.contains("key_retire_processes")) return LinKvWorkload::kDefaultRetireProcesses;
  return std::max<std::int64_t>(1, param_int(params, "key_retire_processes"));
}

}  // namespace

LinKvWorkload::LinKvWorkload(const WorkloadContext& context)
    : threads_per_group_(2 * std::max<int>(1, static_cast<int>(context.nodes.size()))),
      concurrency_(std::max(1, context.concurrency)),
      retire_after_(read_retire_param(context.params)) {
  const int groups = (concurrency_ + threads_per_group_ - 1) / threads_per_group_;
  for (int g = 0; g < groups; ++g) groups_.push_back(Group{next_key_++, {}});
}

int LinKvWorkload::group_size(int group) const {
  const int remaining = concurrency_ - group * threads_per_group_;
  return std::clamp(remaining, 1, threads_per_group_);
}

LinKvWorkload::Group& LinKvWorkload::group_for(int thread) {
  const int g = std::max(0, thread) / threads_per_group_;
  // A thread beyond the declared concurrency still gets work: its group is
  // opened on demand, on a fresh key.
  while (static_cast<int>(groups_.size()) <= g) groups_.push_back(Group{next_key_++, {}});
  return groups_[g];
}

void LinKvWorkload::retire(Group& group) {
  group.key = next_key_++;
  group.processes.clear();
}

std::int64_t LinKvWorkload::current_key(int group) const {
  return group >= 0 && group < static_cast<int>(groups_.size()) ? groups_[group].key : -1;
}

std::optional<Invocation> LinKvWorkload::next(const ClientSlot& client, history::Rng& rng) {
  Group& group = group_for(client.thread);
  // Jepsen's process-limit: a process beyond the limit ends the key's run.
  if (!group.processes.contains(client.process) &&
      static_cast<std::int64_t>(group.processes.size()) >= retire_after_)
    retire(group);
  group.processes.insert(client.process);

  const int g = std::max(0, client.thread) / threads_per_group_;
  const int index = std::max(0, client.thread) % threads_per_group_;
  const bool reader = index < group_size(g) / 2;
  std::uniform_int_distribution<int> value(0, kMaxValue);
  if (reader) return Invocation{"read", tuple(group.key, nullptr)};
  if (std::uniform_int_distribution<int>(0, 2)(rng) == 0)
    return Invocation{"write", tuple(group.key, value(rng))};
  const int from = value(rng);
  const int to = value(rng);
  return Invocation{"cas", tuple(group.key, boost::json::array{from, to})};
}

void LinKvWorkload::observe(const ClientSlot& client, const Invocation&, const Outcome& outcome) {
  // An info op crashes its process; the replacement would be one process too
  // many for a key already at the limit, so move the group on now rather than
  // letting the group's other threads keep adding ops to a full key.
  if (outcome.type != history::OpType::Info) return;
  Group& group = group_for(client.thread);
  if (static_cast<std::int64_t>(group.processes.size()) >= retire_after_) retire(group);
}

boost::json::object LinKvWorkload::encode(const Invocation& op) const {
  const auto& key = tuple_key(op);
  const auto& v = tuple_value(op);
  if (op.f == "write") return {{"type", "write"}, {"key", key}, {"value", v}};
  if (op.f == "cas") {
    const auto* pair = v.if_array();
    const boost::json::value from = pair && pair->size() == 2 ? (*pair)[0] : nullptr;
    const boost::json::value to = pair && pair->size() == 2 ? (*pair)[1] : nullptr;
    return {{"type", "cas"}, {"key", key}, {"from", from}, {"to", to}};
  }
  return {{"type", "read"}, {"key", key}};
}

Outcome LinKvWorkload::decode(const Invocation& op, const boost::json::object& reply) const {
  if (op.f == "read") {
    if (auto bad = check_reply(reply, "read_ok", {{"value", JsonKind::Any}})) return schema_violation(*bad);
    // A missing key may read as value null; the register model treats null as
    // the initial state, so both of Maelstrom's conventions check alike.
    return {history::OpType::Ok, tuple(tuple_key(op), reply.at("value")), nullptr};
  }
  const std::string expected = op.f + "_ok";
  if (auto bad = check_reply(reply, expected, {})) return schema_violation(*bad);
  return {history::OpType::Ok, op.value, nullptr};
}

std::vector<CheckerSpec> LinKvWorkload::default_checkers() const {
  return {{"linearizable", {{"model", "cas-register"}, {"keyed", true}}}, {"stats", {}}};
}

std::vector<ParamSpec> LinKvWorkload::param_specs() {
  return {
      {"missing_read",
       ParamKind::Enum,
       "fail",
       "how the system under test shows a read of a missing key: error 20 (fail) or value null "
       "(ok with null); both are accepted either way, this documents the expectation",
       {"fail", "null"}},
      {"key_retire_processes",
       ParamKind::Int,
       kDefaultRetireProcesses,
       "a key retires after this many distinct processes used it; its group moves to a new key",
       {},
       1,
       1e9},
  };
}

}  // namespace faultline::workloads
