#pragma once
#include "workloads/workload.hpp"

namespace faultline::workloads {

// Maelstrom's echo: every client sends "Please echo N" forever.
class EchoWorkload : public Workload {
 public:
  std::optional<Invocation> next(const ClientSlot& client, history::Rng& rng) override;
  boost::json::object encode(const Invocation& op) const override;
  Outcome decode(const Invocation& op, const boost::json::object& reply) const override;
  bool idempotent(const Invocation&) const override { return true; }
  std::vector<CheckerSpec> default_checkers() const override;
};

}  // namespace faultline::workloads
