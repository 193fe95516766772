#include "lib/queue_node.hpp"

#include "lib/node.hpp"

#include <deque>
#include <map>

namespace fl_node {

namespace {

// The leader's state. Every request is applied at most once, keyed by the
// client's "<src>:<msg_id>": a forward retried after a lost reply, or a
// request the network duplicated, gets the first answer again instead of a
// second enqueue or dequeue. That is what makes follower retries safe.
class LeaderQueue {
 public:
  explicit LeaderQueue(const QueueNodeOptions& options) : options_(options) {}

  json::object apply(const std::string& request, const json::object& op) {
    if (auto done = answered_.find(request); done != answered_.end()) return done->second;
    json::object answer = execute(op);
    answered_.emplace(request, answer);
    return answer;
  }

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

 private:
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

  static json::object error(int code, std::string text) {
    return {{"type", "error"}, {"code", code}, {"text", std::move(text)}};
  }

  const QueueNodeOptions& options_;
  std::deque<json::value> values_;
  std::deque<std::pair<json::value, Clock::time_point>> unacked_;
  std::map<std::string, json::object> answered_;
};

json::object without_msg_id(json::object body) {
  body.erase("msg_id");
  return body;
}

}  // namespace

int run_queue_node(const QueueNodeOptions& options) {
  Node node;
  LeaderQueue queue(options);
  std::int64_t anonymous = 0;  // for requests without msg_id, which no client sends

  auto leader = [&]() -> const std::string& { return node.node_ids().front(); };
  auto request_key = [&](const Message& req) {
    auto id = req.msg_id();
    return req.src + ":" +
           (id ? std::to_string(*id) : "anon-" + node.node_id() + "-" + std::to_string(anonymous++));
  };

  auto client_request = [&](const Message& req) {
    const std::string key = request_key(req);
    json::object op = without_msg_id(req.body);
    if (node.node_id() == leader()) {
      node.reply(req, queue.apply(key, op));
      return;
    }
    if (options.ack_enqueue_before_storing && req.type() == "enqueue") {
      node.reply(req, {{"type", "enqueue_ok"}});
      node.send(leader(), {{"type", "queue_op"}, {"request", key}, {"op", std::move(op)}});
      return;
    }
    node.rpc_retry(
        leader(), {{"type", "queue_op"}, {"request", key}, {"op", std::move(op)}},
        [&node, req](std::optional<Message> answer) {
          if (answer && answer->type() == "queue_op_ok") {
            if (auto* reply = answer->body.if_contains("reply"); reply && reply->is_object()) {
              node.reply(req, reply->get_object());
              return;
            }
          }
          // The leader may or may not have applied it: only silence is honest
          // here, so the client records the operation as indeterminate.
          node.log("no usable answer from the leader for " + json::serialize(req.body) +
                   (answer ? ": " + json::serialize(answer->body) : ": timed out"));
        },
        options.retry_every, options.give_up_after);
  };
  node.on("enqueue", client_request);
  node.on("dequeue", client_request);
  node.on("ack", client_request);

  node.on("queue_op", [&](const Message& m) {
    if (node.node_id() != leader())
      throw MalformedRequest("queue_op sent to " + node.node_id() + ", not the leader");
    const std::string key = string_field(m.body, "request");
    const json::value& op = field(m.body, "op");
    if (!op.is_object()) throw MalformedRequest("op must be an object");
    json::object answer = queue.apply(key, op.get_object());
    if (m.msg_id()) node.reply(m, {{"type", "queue_op_ok"}, {"reply", std::move(answer)}});
  });

  if (options.redeliver_after)
    node.every(Millis(50), [&] {
      if (node.node_id() == leader()) queue.redeliver_expired();
    });
  return node.run();
}

}  // namespace fl_node
