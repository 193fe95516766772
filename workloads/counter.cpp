#include "workloads/counter.hpp"

#include <random>

#include "workloads/schema.hpp"

namespace faultline::workloads {

std::optional<Invocation> CounterWorkload::next(const ClientSlot&, history::Rng& rng) {
  if (kind_ == CounterKind::Grow) {
    if (std::uniform_int_distribution<int>(0, 2)(rng) != 0) return Invocation{"read", nullptr};
    return Invocation{"add", std::uniform_int_distribution<int>(0, 4)(rng)};
  }
  if (std::bernoulli_distribution(0.5)(rng)) return Invocation{"read", nullptr};
  return Invocation{"add", std::uniform_int_distribution<int>(-5, 4)(rng)};
}

boost::json::object CounterWorkload::encode(const Invocation& op) const {
  if (op.f == "add") return {{"type", "add"}, {"delta", op.value}};
  return {{"type", "read"}};
}

Outcome CounterWorkload::decode(const Invocation& op, const boost::json::object& reply) const {
  if (op.f == "add") {
    if (auto bad = check_reply(reply, "add_ok", {})) return schema_violation(*bad);
    return {history::OpType::Ok, op.value, nullptr};
  }
  if (auto bad = check_reply(reply, "read_ok", {{"value", JsonKind::Int}})) return schema_violation(*bad);
  return {history::OpType::Ok, reply.at("value"), nullptr};
}

std::vector<CheckerSpec> CounterWorkload::default_checkers() const {
  return {{"counter", {}}, {"stats", {}}};
}

}  // namespace faultline::workloads
