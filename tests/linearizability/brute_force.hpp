#pragma once
// The reference the search is compared against: try every order of the ops
// that respects real time (and every subset of crashed ops), straight on the
// JSON model, with no memo and no reductions. Exponential; small histories only.
#include <cstdint>
#include <vector>

#include "checkers/linearizability/model.hpp"
#include "checkers/linearizability/prepare.hpp"

namespace faultline::testing {

namespace lin = checkers::lin;

inline bool brute_force_partition(const lin::Model& model, const std::vector<lin::PreparedOp>& ops,
                                  std::vector<bool>& used, const boost::json::value& state,
                                  std::size_t remaining) {
  if (remaining == 0) return true;
  // The earliest return among unused completed ops bounds what may go next.
  std::int64_t horizon = lin::kNever;
  for (std::size_t i = 0; i < ops.size(); ++i)
    if (!used[i] && ops[i].ret != lin::kNever) horizon = std::min(horizon, ops[i].ret);
  for (std::size_t i = 0; i < ops.size(); ++i) {
    if (used[i] || ops[i].call > horizon) continue;
    auto next = model.step(state, ops[i].op);
    if (!next) continue;
    used[i] = true;
    bool ok = brute_force_partition(model, ops, used, *next, remaining - (ops[i].ret != lin::kNever ? 1 : 0));
    used[i] = false;
    if (ok) return true;
  }
  return false;
}

inline bool brute_force_linearizable(const history::History& h, const lin::Model& model, bool keyed) {
  auto prepared = lin::prepare_history(h, model, keyed);
  for (const auto& part : prepared.partitions) {
    std::vector<bool> used(part.ops.size(), false);
    std::size_t completed = 0;
    for (const auto& op : part.ops) completed += op.ret != lin::kNever ? 1 : 0;
    if (!brute_force_partition(model, part.ops, used, model.init(), completed)) return false;
  }
  return true;
}

}  // namespace faultline::testing
