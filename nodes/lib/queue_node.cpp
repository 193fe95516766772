#include "lib/queue_node.hpp"

#include "lib/node.hpp"
#include "lib/owner.hpp"

#include <deque>

namespace fl_node {

namespace {

// The leader's state; lib/owner.hpp applies each request to it at most once.
class LeaderQueue {
 public:
  explicit LeaderQueue(const QueueNodeOptions& options) : options_(options) {}

  // Values whose consumer did not ack in time go back to the end of the
  // queue, like a message queue's visibility timeout.
  void redeliver_expired() {
    const auto now = Clock::now();
    for (auto it = unacked_.begin(); it != unacked_.end();) {
      if (it->second <= now) {
        values_.push_back(it->first);
        it = unacked_.erase(it);
      } else {
        ++it;
      }
    }
  }

  json::object execute(const json::object& op) {
    const json::value* type = op.if_contains("type");
    if (!type || !type->is_string()) return error(kMalformedRequest, "request without a type");
    if (*type == "enqueue") {
      const json::value* value = op.if_contains("value");
      if (!value) return error(kMalformedRequest, "enqueue without a value");
      values_.push_back(*value);
      return {{"type", "enqueue_ok"}};
    }
    if (*type == "dequeue") {
      if (options_.redeliver_after) redeliver_expired();
      if (values_.empty()) return error(kKeyDoesNotExist, "queue is empty");
      json::value value = std::move(values_.front());
      values_.pop_front();
      if (options_.redeliver_after) unacked_.emplace_back(value, Clock::now() + *options_.redeliver_after);
      return {{"type", "dequeue_ok"}, {"value", std::move(value)}};
    }
    if (*type == "ack") {
      const json::value* value = op.if_contains("value");
      if (!value) return error(kMalformedRequest, "ack without a value");
      // Acking twice, or acking what was never pending, is harmless.
      for (auto it = unacked_.begin(); it != unacked_.end(); ++it)
        if (it->first == *value) {
          unacked_.erase(it);
          break;
        }
      return {{"type", "ack_ok"}};
    }
    return error(kNotSupported, "unsupported queue operation '" + std::string(type->get_string()) + "'");
  }

 private:
  static json::object error(int code, std::string text) {
    return {{"type", "error"}, {"code", code}, {"text", std::move(text)}};
  }

  const QueueNodeOptions& options_;
  std::deque<json::value> values_;
  std::deque<std::pair<json::value, Clock::time_point>> unacked_;
};

}  // namespace

int run_queue_node(const QueueNodeOptions& options) {
  Node node;
  LeaderQueue queue(options);
  Owner owner(node, Owner::ApplyNow([&](const json::object& op) { return queue.execute(op); }),
              {options.retry_every, options.give_up_after});
  if (options.ack_enqueue_before_storing) {
    // The flaw of queue_lossy: a follower acknowledges before the leader has it.
    node.on("enqueue", [&](const Message& req) {
      if (owner.is_owner()) return owner.answer_here(req);
      node.reply(req, {{"type", "enqueue_ok"}});
      owner.forward_once(req);
    });
    owner.serve({"dequeue", "ack"});
  } else {
    owner.serve({"enqueue", "dequeue", "ack"});
  }
  if (options.redeliver_after)
    node.every(Millis(50), [&] {
      if (owner.is_owner()) queue.redeliver_expired();
    });
  return node.run();
}

}  // namespace fl_node
