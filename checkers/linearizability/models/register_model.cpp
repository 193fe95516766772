// A single register, optionally with compare-and-set. The state is the current
// value; null means "never written", so reads of a missing key return null.
#include <stdexcept>

#include "checkers/linearizability/models/models.hpp"

namespace faultline::checkers::lin {
namespace {

namespace json = boost::json;

class RegisterModel final : public Model {
 public:
  explicit RegisterModel(bool with_cas) : with_cas_(with_cas) {}

  std::string name() const override { return with_cas_ ? "cas-register" : "register"; }
  json::value init() const override { return nullptr; }

  void validate(const ModelOp& op) const override {
    if (op.f == "read" || op.f == "write") return;
    if (op.f == "cas" && with_cas_) {
      if (!is_cas_pair(op.input))
        throw std::invalid_argument("cas needs value [from, to], got " + json::serialize(op.input));
      return;
    }
    throw std::invalid_argument("model " + name() + " has no operation '" + op.f + "' (allowed: read, write" +
                                (with_cas_ ? ", cas)" : ")"));
  }

  // A failed cas observed (not dropped) only says the value differed.
  bool read_only(const ModelOp& op) const override { return op.f == "read" || op.failed; }

  // Every op sets the value it needs or leaves outright, whatever came before.
  std::optional<ValueEffect> value_effect(const ModelOp& op) const override {
    if (op.f == "read") return ValueEffect{op.output, op.output};
    if (op.f == "write") return ValueEffect{std::nullopt, op.input};
    const auto& pair = op.input.get_array();
    if (op.failed) return std::nullopt;  // legal wherever the value is not `from`: no one value
    return ValueEffect{pair[0], pair[1]};
  }

  std::optional<ModelOp> leaving(const ModelOp& op, const json::value& value) const override {
    ModelOp out = op;
    if (op.f == "write") {
      out.input = value;
      if (!op.crashed) out.output = value;
    } else if (op.f == "cas" && !op.failed) {
      out.input = json::array{op.input.get_array()[0], value};
      if (!op.crashed) out.output = out.input;
    } else {
      return std::nullopt;
    }
    return out;
  }

  std::optional<json::value> only_legal_in(const ModelOp& op) const override {
    if (op.f == "read" && !op.crashed) return op.output;
    if (op.f == "cas" && !op.failed) return op.input.get_array()[0];
    return std::nullopt;
  }
  std::optional<json::value> always_leaves(const ModelOp& op) const override {
    if (op.f == "write") return op.input;
    if (op.f == "cas" && !op.failed) return op.input.get_array()[1];
    return std::nullopt;
  }

  std::optional<json::value> step(const json::value& state, const ModelOp& op) const override {
    if (op.f == "read") {
      if (op.output == state) return state;
      return std::nullopt;
    }
    if (op.f == "write") return op.input;
    // cas: a crashed cas whose `from` does not match simply never took effect.
    const auto& pair = op.input.get_array();
    if (op.failed) {
      if (pair[0] != state) return state;
      return std::nullopt;
    }
    if (pair[0] == state) return pair[1];
    return std::nullopt;
  }

 private:
  static bool is_cas_pair(const json::value& v) { return v.is_array() && v.get_array().size() == 2; }
  bool with_cas_;
};

}  // namespace

std::unique_ptr<Model> make_register_model() { return std::make_unique<RegisterModel>(false); }
std::unique_ptr<Model> make_cas_register_model() { return std::make_unique<RegisterModel>(true); }

}  // namespace faultline::checkers::lin
