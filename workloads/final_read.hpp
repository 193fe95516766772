#pragma once
// The final phase of the state-based workloads (broadcast, g-set, counters):
// after the heal and quiesce, each client reads once. Reads change nothing,
// so one that timed out certainly had no effect.
#include <set>

#include "workloads/workload.hpp"

namespace faultline::workloads {

class OneFinalReadWorkload : public Workload {
 public:
  bool has_final_phase() const override { return true; }
  std::optional<Invocation> next_final(const ClientSlot& client, history::Rng&) override {
    if (!final_read_done_.insert(client.thread).second) return std::nullopt;
    return Invocation{"read", nullptr};
  }
  bool idempotent(const Invocation& op) const override { return op.f == "read"; }

 private:
  std::set<int> final_read_done_;  // client threads
};

}  // namespace faultline::workloads
