#include "workloads/queue.hpp"

#include <random>

#include "workloads/schema.hpp"

namespace faultline::workloads {

namespace {

// Params come validated with defaults filled by the scenario loader; these
// fallbacks only serve callers that build a context by hand.
std::string string_or(const boost::json::object& p, const char* name, const char* fallback) {
  return p.contains(name) ? param_string(p, name) : std::string(fallback);
}
bool bool_or(const boost::json::object& p, const char* name, bool fallback) {
  return p.contains(name) ? param_bool(p, name) : fallback;
}

bool is_empty_queue(const Outcome& outcome) {
  if (outcome.type != history::OpType::Fail) return false;
  const auto* error = outcome.error.if_array();
  return error && !error->empty() && (*error)[0].is_int64() &&
         (*error)[0].as_int64() == QueueWorkload::kEmptyQueueError;
}

}  // namespace

QueueWorkload::QueueWorkload(const WorkloadContext& context)
    : guarantee_(string_or(context.params, "guarantee", "exactly-once")),
      fifo_(bool_or(context.params, "fifo", false)),
      ack_(bool_or(context.params, "ack", false)),
      drain_limit_(context.params.contains("drain_limit")
                       ? std::max<std::int64_t>(1, param_int(context.params, "drain_limit"))
                       : kDefaultDrainLimit) {}

std::optional<Invocation> QueueWorkload::next(const ClientSlot& client, history::Rng& rng) {
  ClientState& state = clients_[client.thread];
  if (state.unacked) {
    Invocation ack{"ack", std::move(*state.unacked)};
    state.unacked.reset();
    return ack;
  }
  if (std::bernoulli_distribution(0.5)(rng)) return Invocation{"enqueue", next_value_++};
  return Invocation{"dequeue", nullptr};
}

std::optional<Invocation> QueueWorkload::next_final(const ClientSlot& client, history::Rng&) {
  ClientState& state = clients_[client.thread];
  state.draining = true;
  if (state.final_ops >= drain_limit_) return std::nullopt;
  // A value dequeued while draining is still acked, or an at-least-once
  // system would hand it out again and the drain could never finish.
  if (state.unacked) {
    ++state.final_ops;
    Invocation ack{"ack", std::move(*state.unacked)};
    state.unacked.reset();
    return ack;
  }
  if (state.drained) return std::nullopt;
  ++state.final_ops;
  return Invocation{"dequeue", nullptr};
}

void QueueWorkload::observe(const ClientSlot& client, const Invocation& op, const Outcome& outcome) {
  if (op.f != "dequeue") return;
  ClientState& state = clients_[client.thread];
  if (outcome.type == history::OpType::Ok && ack_) state.unacked = outcome.value;
  // Only an empty answer while draining ends the drain: the queue may well
  // be empty for a moment during the main phase.
  if (state.draining && is_empty_queue(outcome)) state.drained = true;
}

boost::json::object QueueWorkload::encode(const Invocation& op) const {
  if (op.f == "enqueue") return {{"type", "enqueue"}, {"value", op.value}};
  if (op.f == "ack") return {{"type", "ack"}, {"value", op.value}};
  return {{"type", "dequeue"}};
}

Outcome QueueWorkload::decode(const Invocation& op, const boost::json::object& reply) const {
  if (op.f == "dequeue") {
    if (auto bad = check_reply(reply, "dequeue_ok", {{"value", JsonKind::Any}}))
      return schema_violation(*bad);
    return {history::OpType::Ok, reply.at("value"), nullptr};
  }
  if (auto bad = check_reply(reply, op.f + "_ok", {})) return schema_violation(*bad);
  return {history::OpType::Ok, op.value, nullptr};
}

std::vector<CheckerSpec> QueueWorkload::default_checkers() const {
  return {{"queue", {{"guarantee", guarantee_}, {"fifo", fifo_}}}, {"stats", {}}};
}

std::vector<ParamSpec> QueueWorkload::param_specs() {
  return {
      {"guarantee",
       ParamKind::Enum,
       "exactly-once",
       "the delivery guarantee the queue checker holds the system to: at-least-once allows "
       "duplicates, at-most-once allows losses, exactly-once neither",
       {"at-least-once", "at-most-once", "exactly-once"}},
      {"fifo",
       ParamKind::Bool,
       false,
       "also require values to be dequeued in the order their enqueues were acknowledged",
       {}},
      {"ack",
       ParamKind::Bool,
       false,
       "after each ok dequeue the client acks the value (ack{value} -> ack_ok)",
       {}},
      {"drain_limit",
       ParamKind::Int,
       kDefaultDrainLimit,
       "at most this many final-phase ops per client while draining the queue",
       {},
       1,
       1e9},
  };
}

}  // namespace faultline::workloads
