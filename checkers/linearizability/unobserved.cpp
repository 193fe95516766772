#include "checkers/linearizability/unobserved.hpp"

#include <unordered_map>

namespace faultline::checkers::lin {

Unobserved find_unobserved(const std::vector<PreparedOp>& ops, const Model& model) {
  Unobserved out;
  out.drop.assign(ops.size(), false);
  out.as.assign(ops.size(), std::nullopt);
  std::vector<Model::ValueEffect> effects;
  effects.reserve(ops.size());
  // Needed values, bucketed by the model's hash and compared with its equal.
  std::unordered_map<std::size_t, std::vector<boost::json::value>> needed;
  for (const PreparedOp& p : ops) {
    auto e = model.value_effect(p.op);
    if (!e) return out;
    if (e->needs) needed[model.hash(*e->needs)].push_back(*e->needs);
    effects.push_back(std::move(*e));
  }
  auto is_needed = [&](const boost::json::value& v) {
    auto it = needed.find(model.hash(v));
    if (it == needed.end()) return false;
    for (const auto& n : it->second)
      if (model.equal(n, v)) return true;
    return false;
  };
  const boost::json::value unobserved(kUnobserved);
  if (is_needed(unobserved)) return out;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const auto& leaves = effects[i].leaves;
    if (!leaves || is_needed(*leaves)) continue;
    if (ops[i].op.crashed) {
      out.drop[i] = true;
      ++out.dropped;
    } else if (!model.equal(*leaves, unobserved)) {
      out.as[i] = model.leaving(ops[i].op, unobserved);
      out.rewritten += out.as[i] ? 1 : 0;
    }
  }
  return out;
}

}  // namespace faultline::checkers::lin
