#include "checkers/linearizability/compiled_model.hpp"

#include "checkers/linearizability/json_hash.hpp"

namespace faultline::checkers::lin {
namespace {

// A rough count of the heap a JSON value holds, so that models with big
// states (queues, sets, strings) are charged to the memory budget too:
// capacity, not size, and malloc's own header and rounding.
std::size_t footprint(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::string:
      return v.get_string().capacity() + 48;
    case boost::json::kind::array: {
      std::size_t total = 32;
      for (const auto& e : v.get_array()) total += sizeof(boost::json::value) + footprint(e);
      return total;
    }
    case boost::json::kind::object: {
      std::size_t total = 64;
      for (const auto& kv : v.get_object()) total += 48 + kv.key().size() + footprint(kv.value());
      return total;
    }
    default:
      return 0;
  }
}

}  // namespace

CompiledModel::CompiledModel(const Model& model) : model_(model) { intern_state(model_.init()); }

std::int32_t CompiledModel::intern_state(boost::json::value state) {
  std::size_t h = model_.hash(state);
  auto& bucket = states_by_hash_[h];
  for (std::int32_t id : bucket)
    if (model_.equal(states_[id], state)) return id;
  auto id = static_cast<std::int32_t>(states_.size());
  // The hash index's share: a node and a one-id vector per new hash.
  constexpr std::size_t kIndexBytes = 96;
  state_bytes_ += footprint(state) + kIndexBytes;
  states_.push_back(std::move(state));
  bucket.push_back(id);
  return id;
}

std::int32_t CompiledModel::intern_op(const ModelOp& op) {
  std::size_t h = mix64(std::hash<std::string>{}(op.f) ^ mix64(json_hash(op.input)) ^
                        mix64(json_hash(op.output) + 0x9e3779b97f4a7c15ULL) ^ (op.crashed ? 0x5555 : 0) ^
                        (op.failed ? 0xaaaa0000 : 0));
  auto& bucket = classes_by_hash_[h];
  for (std::int32_t id : bucket) {
    const ModelOp& c = classes_[id];
    if (c.crashed == op.crashed && c.failed == op.failed && c.f == op.f && c.input == op.input &&
        c.output == op.output)
      return id;
  }
  auto id = static_cast<std::int32_t>(classes_.size());
  classes_.push_back(op);
  read_only_.push_back(model_.read_only(op));
  resets_.push_back(model_.resets(op));
  auto only_in = model_.only_legal_in(op);
  auto leaves = model_.always_leaves(op);
  only_legal_in_.push_back(only_in ? intern_state(std::move(*only_in)) : -1);
  always_leaves_.push_back(leaves ? intern_state(std::move(*leaves)) : -1);
  dense_.resize(dense_.size() + kDenseStates, kUnknown);
  bucket.push_back(id);
  return id;
}

std::int32_t CompiledModel::compute(std::int32_t state, std::int32_t cls) {
  ++model_steps_;
  auto next = model_.step(states_[state], classes_[cls]);
  if (!next) return kIllegal;
  return intern_state(std::move(*next));
}

std::size_t CompiledModel::bytes() const {
  return state_bytes_ + transitions_.bytes() + dense_.capacity() * sizeof(std::int32_t) +
         states_.capacity() * sizeof(boost::json::value) + classes_.capacity() * sizeof(ModelOp) +
         (only_legal_in_.capacity() + always_leaves_.capacity()) * sizeof(std::int32_t);
}

}  // namespace faultline::checkers::lin
