#include "workloads/unique_ids.hpp"

#include "workloads/schema.hpp"

namespace faultline::workloads {

std::optional<Invocation> UniqueIdsWorkload::next(const ClientSlot&, history::Rng&) {
  return Invocation{"generate", nullptr};
}

boost::json::object UniqueIdsWorkload::encode(const Invocation&) const { return {{"type", "generate"}}; }

Outcome UniqueIdsWorkload::decode(const Invocation&, const boost::json::object& reply) const {
  if (auto bad = check_reply(reply, "generate_ok", {{"id", JsonKind::Any}})) return schema_violation(*bad);
  return {history::OpType::Ok, reply.at("id"), nullptr};
}

std::vector<CheckerSpec> UniqueIdsWorkload::default_checkers() const {
  return {{"unique-ids", {}}, {"stats", {}}};
}

}  // namespace faultline::workloads
