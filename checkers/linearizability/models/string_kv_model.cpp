// One key of Porcupine's kv store: a string, "" until written. `get` returns
// the whole string, `put` replaces it, `append` adds to its end. Checked per
// key (the table marks it keyed), values [key, v] as Jepsen's independent.
#include <stdexcept>

#include "checkers/linearizability/models/models.hpp"

namespace faultline::checkers::lin {
namespace {

namespace json = boost::json;

// Porcupine's logs leave a get of an unwritten key as "" or nil.
const json::value& read_value(const json::value& output) {
  static const json::value empty = json::string();
  return output.is_null() ? empty : output;
}

class StringKvModel final : public Model {
 public:
  std::string name() const override { return "string-kv"; }
  json::value init() const override { return json::string(); }

  void validate(const ModelOp& op) const override {
    if (op.f == "get") {
      if (!op.crashed && !read_value(op.output).is_string())
        throw std::invalid_argument("get must return a string, got " + json::serialize(op.output));
      return;
    }
    if (op.f == "put" || op.f == "append") {
      if (!op.input.is_string())
        throw std::invalid_argument(op.f + " needs a string value, got " + json::serialize(op.input));
      return;
    }
    throw std::invalid_argument("model string-kv has no operation '" + op.f +
                                "' (allowed: get, put, append)");
  }

  bool read_only(const ModelOp& op) const override { return op.f == "get"; }

  std::optional<json::value> only_legal_in(const ModelOp& op) const override {
    if (op.f != "get" || op.crashed) return std::nullopt;
    return read_value(op.output);
  }
  // Only a put can make the string anything but a longer one that starts
  // with it: an append can only extend it, a get leaves it. A put leaves its
  // value, from which the string grows again.
  bool resets(const ModelOp& op) const override { return op.f == "put"; }
  std::optional<json::value> always_leaves(const ModelOp& op) const override {
    if (op.f != "put") return std::nullopt;
    return op.input;
  }
  bool grows_to(const json::value& a, const json::value& b) const override {
    return b.get_string().starts_with(std::string_view(a.get_string()));
  }

  std::optional<json::value> step(const json::value& state, const ModelOp& op) const override {
    if (op.f == "get") {
      if (read_value(op.output) == state) return state;
      return std::nullopt;
    }
    if (op.f == "put") return op.input;
    // Sized once: a copy then an append would leave up to half of it slack,
    // and states are most of what a search over strings holds.
    const json::string& now = state.get_string();
    const json::string& tail = op.input.get_string();
    json::string next;
    next.reserve(now.size() + tail.size());
    next.append(now);
    next.append(tail);
    return json::value(std::move(next));
  }
};

}  // namespace

std::unique_ptr<Model> make_string_kv_model() { return std::make_unique<StringKvModel>(); }

}  // namespace faultline::checkers::lin
