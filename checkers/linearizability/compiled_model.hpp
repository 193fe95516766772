#pragma once
// A model compiled for one partition: states and distinct operations
// ("classes": equal f, input, output and crashedness) are interned to ints,
// and each (state, class) transition is computed by the model once and then
// looked up. The search therefore compares ints and never touches JSON.
#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "checkers/linearizability/flat_map.hpp"
#include "checkers/linearizability/model.hpp"

namespace faultline::checkers::lin {

class CompiledModel {
 public:
  static constexpr std::int32_t kIllegal = -1;

  explicit CompiledModel(const Model& model);

  const Model& model() const { return model_; }

  // The class id of `op`, shared by every op with equal f, input, output and
  // crashedness.
  std::int32_t intern_op(const ModelOp& op);
  // The id of `state`, shared by every state the model calls equal (also the
  // values a Model::value_effect names: for registers, values are states).
  std::int32_t intern_state(boost::json::value state);
  std::int32_t init_state() const { return 0; }

  // The state after class `cls` in state `state`, or kIllegal.
  std::int32_t next(std::int32_t state, std::int32_t cls) {
    // Most models visit few states (a register over 0..4 has 6), so the first
    // kDenseStates of every class sit in a flat array: one load, no probing.
    if (state < kDenseStates) {
      std::int32_t& slot = dense_[static_cast<std::size_t>(cls) * kDenseStates + state];
      if (slot == kUnknown) slot = compute(state, cls);
      return slot;
    }
    std::uint64_t key = (static_cast<std::uint64_t>(state) << 32) | static_cast<std::uint32_t>(cls);
    std::int32_t found = transitions_.find(key);
    if (found != FlatU64Map::kMissing) return found;
    std::int32_t computed = compute(state, cls);
    transitions_.insert(key, computed);
    return computed;
  }

  bool read_only(std::int32_t cls) const { return read_only_[cls]; }
  // Model::only_legal_in and always_leaves as state ids; -1 when not known.
  std::int32_t only_legal_in(std::int32_t cls) const { return only_legal_in_[cls]; }
  std::int32_t always_leaves(std::int32_t cls) const { return always_leaves_[cls]; }
  // Model::resets per class; Model::grows_to on state ids. Not cached: the
  // pairs asked are many (every new state against the gets due), and for
  // strings the answer is a prefix compare, about as quick as a lookup.
  bool resets(std::int32_t cls) const { return resets_[cls]; }
  // Some class only grows the state: the growth check and the shrunk-read
  // refuter apply (for a model that knows nothing, every class resets).
  bool grows() const { return std::find(resets_.begin(), resets_.end(), false) != resets_.end(); }
  bool grows_to(std::int32_t from, std::int32_t to) const {
    return from == to || model_.grows_to(states_[from], states_[to]);
  }
  const ModelOp& op_class(std::int32_t cls) const { return classes_[cls]; }
  const boost::json::value& state(std::int32_t id) const { return states_[id]; }
  std::size_t state_count() const { return states_.size(); }
  std::size_t class_count() const { return classes_.size(); }
  std::uint64_t model_steps() const { return model_steps_; }
  std::size_t bytes() const;
  // What the next few thousand transitions may add for a moment (a doubling
  // table), so that a memory budget charged between them holds at the peak.
  std::size_t growth_bytes() const { return transitions_.growth_bytes(kGrowthHorizon); }

 private:
  static constexpr std::int32_t kDenseStates = 32;
  static constexpr std::int32_t kUnknown = -2;
  // More new transitions than a search computes between two memory charges
  // (one node: each pending op's class, and a lookahead over them).
  static constexpr std::size_t kGrowthHorizon = 4096;

  std::int32_t compute(std::int32_t state, std::int32_t cls);

  const Model& model_;
  std::vector<boost::json::value> states_;
  std::unordered_map<std::size_t, std::vector<std::int32_t>> states_by_hash_;
  std::vector<ModelOp> classes_;
  std::vector<bool> read_only_, resets_;
  std::vector<std::int32_t> only_legal_in_, always_leaves_;
  std::unordered_map<std::size_t, std::vector<std::int32_t>> classes_by_hash_;
  std::vector<std::int32_t> dense_;  // [class][state < kDenseStates] -> next, kIllegal or kUnknown
  FlatU64Map transitions_;           // the rest
  std::uint64_t model_steps_ = 0;
  std::size_t state_bytes_ = 0;  // rough heap footprint of the interned states
};

}  // namespace faultline::checkers::lin
