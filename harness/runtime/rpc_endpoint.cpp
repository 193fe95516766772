#include "harness/runtime/rpc_endpoint.hpp"

namespace faultline::harness {

RpcEndpoint::RpcEndpoint(boost::asio::io_context& io, nemesis::Router& router, const std::string& id)
    : io_(io), router_(router), id_(id) {
  endpoint_ =
      router_.add_endpoint(id, nemesis::EndpointKind::Client,
                           [this](const boost::json::object& m, int writer) { on_message(m, writer); });
}

RpcEndpoint::~RpcEndpoint() {
  *alive_ = false;
  cancel_all();
}

void RpcEndpoint::call(int dest, boost::json::object body, std::chrono::nanoseconds timeout, Callback cb,
                       bool only_from_dest) {
  const std::int64_t msg_id = next_msg_id_++;
  body["msg_id"] = msg_id;
  auto timer = std::make_unique<boost::asio::steady_timer>(io_, timeout);
  std::weak_ptr<bool> alive = alive_;
  timer->async_wait([this, alive, msg_id](const boost::system::error_code& ec) {
    if (ec || alive.expired()) return;
    finish(msg_id, nullptr);
  });
  pending_.emplace(msg_id, Pending{std::move(timer), std::move(cb), dest, only_from_dest});
  router_.send(endpoint_, dest, std::move(body));
}

void RpcEndpoint::on_message(const boost::json::object& message, int writer) {
  const auto* body = message.if_contains("body");
  const auto* in_reply_to =
      body && body->is_object() ? body->as_object().if_contains("in_reply_to") : nullptr;
  if (!in_reply_to || !in_reply_to->is_int64() || !pending_.count(in_reply_to->as_int64())) {
    ++ignored_;  // a late reply (after a timeout) or a stray message
    return;
  }
  const Pending& pending = pending_.at(in_reply_to->as_int64());
  if (pending.only_from_dest) {
    // The process that wrote the reply must be dest: a node may put another
    // endpoint's id in src (forwarding), so src alone proves nothing.
    const auto* src = message.if_contains("src");
    if (writer != pending.dest || !src || !src->is_string() ||
        src->get_string() != router_.endpoint_id(pending.dest)) {
      ++ignored_;
      misdirected_[pending.dest] = boost::json::serialize(message);
      return;
    }
  }
  finish(in_reply_to->as_int64(), &body->as_object());
}

std::string RpcEndpoint::misdirected_reply(int dest) const {
  auto it = misdirected_.find(dest);
  return it == misdirected_.end() ? std::string() : it->second;
}

void RpcEndpoint::finish(std::int64_t msg_id, const boost::json::object* reply) {
  auto it = pending_.find(msg_id);
  if (it == pending_.end()) return;
  Callback cb = std::move(it->second.cb);
  it->second.timer->cancel();
  pending_.erase(it);
  cb(reply);
}

void RpcEndpoint::cancel_all() {
  for (auto& [id, p] : pending_) p.timer->cancel();
  pending_.clear();
}

}  // namespace faultline::harness
