#include "checkers/linearizability/model.hpp"

#include "checkers/linearizability/json_hash.hpp"

namespace faultline::checkers::lin {

std::size_t Model::hash(const boost::json::value& state) const { return json_hash(state); }

bool Model::equal(const boost::json::value& a, const boost::json::value& b) const { return a == b; }

std::optional<Model::ValueEffect> Model::value_effect(const ModelOp&) const { return std::nullopt; }

std::optional<ModelOp> Model::leaving(const ModelOp&, const boost::json::value&) const { return std::nullopt; }

std::string Model::describe_state(const boost::json::value& state) const {
  return boost::json::serialize(state);
}

std::string Model::describe_op(const ModelOp& op) const {
  std::string text = op.f;
  if (!op.input.is_null()) text += " " + boost::json::serialize(op.input);
  if (op.crashed) return text + " -> ?";
  if (op.failed) return text + " -> failed";
  // Writes echo their input; say what came back when it adds something, and
  // always for observations (a read of null is news).
  if (op.output != op.input || (op.input.is_null() && read_only(op)))
    text += " -> " + boost::json::serialize(op.output);
  return text;
}

}  // namespace faultline::checkers::lin
