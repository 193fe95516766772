#pragma once
#include "workloads/workload.hpp"

namespace faultline::workloads {

// Maelstrom's unique-ids: clients only ever ask for a fresh id.
class UniqueIdsWorkload : public Workload {
 public:
  std::optional<Invocation> next(const ClientSlot& client, history::Rng& rng) override;
  boost::json::object encode(const Invocation& op) const override;
  Outcome decode(const Invocation& op, const boost::json::object& reply) const override;
  std::vector<CheckerSpec> default_checkers() const override;
};

}  // namespace faultline::workloads
