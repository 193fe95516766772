// A grow-only set: add v, and read returning every element. The state is kept
// sorted and duplicate-free so that equal sets are equal JSON values.
#include <algorithm>
#include <stdexcept>

#include "checkers/linearizability/json_hash.hpp"
#include "checkers/linearizability/models/models.hpp"

namespace faultline::checkers::lin {
namespace {

namespace json = boost::json;

json::array canonical(const json::array& elements) {
  json::array out = elements;
  std::sort(out.begin(), out.end(), json_less);
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

class SetModel final : public Model {
 public:
  std::string name() const override { return "set"; }
  json::value init() const override { return json::array(); }

  void validate(const ModelOp& op) const override {
    if (op.f == "add") return;
    if (op.f == "read") {
      if (!op.crashed && !op.output.is_array())
        throw std::invalid_argument("set read must return a list, got " + json::serialize(op.output));
      return;
    }
    throw std::invalid_argument("model set has no operation '" + op.f + "' (allowed: add, read)");
  }

  bool read_only(const ModelOp& op) const override { return op.f == "read"; }

  std::optional<json::value> step(const json::value& state, const ModelOp& op) const override {
    const auto& elements = state.get_array();
    if (op.f == "read") {
      if (canonical(op.output.get_array()) == elements) return state;
      return std::nullopt;
    }
    auto at = std::lower_bound(elements.begin(), elements.end(), op.input, json_less);
    if (at != elements.end() && *at == op.input) return state;
    json::array next = elements;
    next.insert(next.begin() + (at - elements.begin()), op.input);
    return next;
  }
};

}  // namespace

std::unique_ptr<Model> make_set_model() { return std::make_unique<SetModel>(); }

}  // namespace faultline::checkers::lin
