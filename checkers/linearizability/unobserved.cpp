#include "checkers/linearizability/unobserved.hpp"

#include <unordered_map>

namespace faultline::checkers::lin {

std::vector<std::int32_t> unobserved_classes(CompiledModel& model) {
  const Model& m = model.model();
  const auto classes = static_cast<std::int32_t>(model.class_count());
  std::vector<Model::ValueEffect> effects;
  effects.reserve(static_cast<std::size_t>(classes));
  // Needed values, bucketed by the model's hash and compared with its equal.
  std::unordered_map<std::size_t, std::vector<boost::json::value>> needed;
  for (std::int32_t c = 0; c < classes; ++c) {
    auto e = m.value_effect(model.op_class(c));
    if (!e) return {};
    if (e->needs) needed[m.hash(*e->needs)].push_back(*e->needs);
    effects.push_back(std::move(*e));
  }
  auto is_needed = [&](const boost::json::value& v) {
    auto it = needed.find(m.hash(v));
    if (it == needed.end()) return false;
    for (const auto& n : it->second)
      if (m.equal(n, v)) return true;
    return false;
  };
  const boost::json::value stand_in(kUnobserved);
  if (is_needed(stand_in)) return {};
  std::vector<std::int32_t> as(static_cast<std::size_t>(classes));
  for (std::int32_t c = 0; c < classes; ++c) {
    as[c] = c;
    const auto& leaves = effects[c].leaves;
    if (!leaves || is_needed(*leaves)) continue;
    if (model.op_class(c).crashed) {
      as[c] = kDropped;
    } else if (!m.equal(*leaves, stand_in)) {
      if (auto op = m.leaving(model.op_class(c), stand_in)) as[c] = model.intern_op(*op);
    }
  }
  return as;
}

}  // namespace faultline::checkers::lin
