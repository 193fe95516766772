// One lock: acquire succeeds only when free, release only when held. Like
// Knossos's mutex it does not track the owner, so it checks mutual exclusion
// of the lock itself, not who released it.
#include <stdexcept>

#include "checkers/linearizability/models/models.hpp"

namespace faultline::checkers::lin {
namespace {

namespace json = boost::json;

class MutexModel final : public Model {
 public:
  std::string name() const override { return "mutex"; }
  json::value init() const override { return false; }

  void validate(const ModelOp& op) const override {
    if (op.f == "acquire" || op.f == "release") return;
    throw std::invalid_argument("model mutex has no operation '" + op.f + "' (allowed: acquire, release)");
  }

  bool read_only(const ModelOp&) const override { return false; }

  std::optional<json::value> step(const json::value& state, const ModelOp& op) const override {
    bool held = state.get_bool();
    if (op.f == "acquire") {
      if (held) return std::nullopt;
      return true;
    }
    if (!held) return std::nullopt;
    return false;
  }

  std::string describe_state(const json::value& state) const override {
    return state.get_bool() ? "held" : "free";
  }
};

}  // namespace

std::unique_ptr<Model> make_mutex_model() { return std::make_unique<MutexModel>(); }

}  // namespace faultline::checkers::lin
