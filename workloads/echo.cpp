#include "workloads/echo.hpp"

#include <random>

#include "workloads/schema.hpp"

namespace faultline::workloads {

std::optional<Invocation> EchoWorkload::next(const ClientSlot&, history::Rng& rng) {
  const int n = std::uniform_int_distribution<int>(0, 127)(rng);
  return Invocation{"echo", boost::json::string("Please echo " + std::to_string(n))};
}

boost::json::object EchoWorkload::encode(const Invocation& op) const {
  return {{"type", "echo"}, {"echo", op.value}};
}

Outcome EchoWorkload::decode(const Invocation&, const boost::json::object& reply) const {
  if (auto bad = check_reply(reply, "echo_ok", {{"echo", JsonKind::Any}})) return schema_violation(*bad);
  return {history::OpType::Ok, reply.at("echo"), nullptr};
}

std::vector<CheckerSpec> EchoWorkload::default_checkers() const { return {{"echo", {}}, {"stats", {}}}; }

}  // namespace faultline::workloads
