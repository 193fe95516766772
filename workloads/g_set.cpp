#include "workloads/g_set.hpp"

#include <random>

#include "workloads/schema.hpp"

namespace faultline::workloads {

std::optional<Invocation> GSetWorkload::next(const ClientSlot&, history::Rng& rng) {
  if (std::bernoulli_distribution(0.5)(rng)) return Invocation{"add", next_element_++};
  return Invocation{"read", nullptr};
}

boost::json::object GSetWorkload::encode(const Invocation& op) const {
  if (op.f == "add") return {{"type", "add"}, {"element", op.value}};
  return {{"type", "read"}};
}

Outcome GSetWorkload::decode(const Invocation& op, const boost::json::object& reply) const {
  if (op.f == "add") {
    if (auto bad = check_reply(reply, "add_ok", {})) return schema_violation(*bad);
    return {history::OpType::Ok, op.value, nullptr};
  }
  if (auto bad = check_reply(reply, "read_ok", {{"value", JsonKind::Array}})) return schema_violation(*bad);
  return {history::OpType::Ok, reply.at("value"), nullptr};
}

std::vector<CheckerSpec> GSetWorkload::default_checkers() const {
  return {{"set-full", {{"add_f", "add"}}}, {"stats", {}}};
}

}  // namespace faultline::workloads
