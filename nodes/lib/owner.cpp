#include "lib/owner.hpp"

namespace fl_node {

json::object without_msg_id(json::object body) {
  body.erase("msg_id");
  return body;
}

Owner::Owner(Node& node, Apply apply, OwnerOptions options)
    : node_(node), apply_(std::move(apply)), options_(options) {
  node_.on("owner_op", [this](const Message& m) { on_owner_op(m); });
}

Owner::Owner(Node& node, ApplyNow apply, OwnerOptions options)
    : Owner(node, Apply([apply = std::move(apply)](const json::object& request, Done done) {
              done(apply(request));
            }),
            options) {}

void Owner::serve(std::initializer_list<std::string_view> types) {
  for (auto type : types) node_.on(std::string(type), [this](const Message& m) { on_client(m); });
}

std::string Owner::request_key(const Message& request) {
  auto id = request.msg_id();
  // Requests without msg_id (which no client sends) are never deduplicated.
  return request.src + ":" +
         (id ? std::to_string(*id) : "anon-" + node_.node_id() + "-" + std::to_string(anonymous_++));
}

void Owner::apply_once(const std::string& key, const json::object& request, Done done) {
  if (auto answered = answered_.find(key); answered != answered_.end()) return done(answered->second);
  auto [waiting, first] = waiting_.try_emplace(key);
  waiting->second.push_back(std::move(done));
  if (!first) return;
  apply_(request, [this, key](json::object reply) {
    answered_.emplace(key, reply);
    auto waiters = std::move(waiting_[key]);
    waiting_.erase(key);
    for (auto& w : waiters) w(reply);
  });
}

void Owner::answer_here(const Message& request) {
  apply_once(request_key(request), without_msg_id(request.body),
             [this, request](json::object reply) { node_.reply(request, std::move(reply)); });
}

void Owner::on_client(const Message& request) {
  if (is_owner()) return answer_here(request);
  node_.rpc_retry(
      owner(),
      {{"type", "owner_op"}, {"request", request_key(request)}, {"op", without_msg_id(request.body)}},
      [this, request](std::optional<Message> answer) {
        if (answer && answer->type() == "owner_op_ok") {
          if (auto* reply = answer->body.if_contains("reply"); reply && reply->is_object()) {
            node_.reply(request, reply->get_object());
            return;
          }
        }
        node_.log("no usable answer from the owner for " + json::serialize(request.body) +
                  (answer ? ": " + json::serialize(answer->body) : ": timed out"));
      },
      options_.retry_every, options_.give_up_after);
}

void Owner::forward_once(const Message& request) {
  node_.send(owner(),
             {{"type", "owner_op"}, {"request", request_key(request)}, {"op", without_msg_id(request.body)}});
}

void Owner::on_owner_op(const Message& m) {
  if (!is_owner()) throw MalformedRequest("owner_op sent to " + node_.node_id() + ", not the owner");
  const std::string key = string_field(m.body, "request");
  const json::value& op = field(m.body, "op");
  if (!op.is_object()) throw MalformedRequest("op must be an object");
  apply_once(key, op.get_object(), [this, m](json::object reply) {
    if (m.msg_id()) node_.reply(m, {{"type", "owner_op_ok"}, {"reply", std::move(reply)}});
  });
}

}  // namespace fl_node
