// A FIFO queue: enqueue v, dequeue -> v. A dequeue that returned null saw an
// empty queue. A crashed dequeue removes whatever was at the head (its output
// is unknown), which keeps the model deterministic.
#include <stdexcept>

#include "checkers/linearizability/models/models.hpp"

namespace faultline::checkers::lin {
namespace {

namespace json = boost::json;

class FifoQueueModel final : public Model {
 public:
  std::string name() const override { return "fifo-queue"; }
  json::value init() const override { return json::array(); }

  void validate(const ModelOp& op) const override {
    if (op.f == "enqueue" || op.f == "dequeue") return;
    throw std::invalid_argument("model fifo-queue has no operation '" + op.f +
                                "' (allowed: enqueue, dequeue)");
  }

  // Only an observed empty dequeue leaves the queue as it was.
  bool read_only(const ModelOp& op) const override {
    return op.f == "dequeue" && !op.crashed && op.output.is_null();
  }

  std::optional<json::value> step(const json::value& state, const ModelOp& op) const override {
    const auto& items = state.get_array();
    if (op.f == "enqueue") {
      json::array next = items;
      next.push_back(op.input);
      return next;
    }
    if (op.crashed) {
      if (items.empty()) return state;
      return json::array(items.begin() + 1, items.end());
    }
    if (op.output.is_null()) {
      if (items.empty()) return state;
      return std::nullopt;
    }
    if (items.empty() || items.front() != op.output) return std::nullopt;
    return json::array(items.begin() + 1, items.end());
  }
};

}  // namespace

std::unique_ptr<Model> make_fifo_queue_model() { return std::make_unique<FifoQueueModel>(); }

}  // namespace faultline::checkers::lin
