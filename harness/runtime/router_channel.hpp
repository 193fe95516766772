#pragma once
// A client that is an endpoint on the router: Maelstrom messages to the nodes.
#include "harness/runtime/client_channel.hpp"
#include "harness/runtime/rpc_endpoint.hpp"

namespace faultline::harness {

class RouterChannel : public ClientChannel {
 public:
  RouterChannel(boost::asio::io_context& io, nemesis::Router& router, const std::string& client_id)
      : router_(router), rpc_(io, router, client_id) {}

  void call(const std::string& node, boost::json::object body, std::chrono::nanoseconds timeout,
            Callback cb) override {
    rpc_.call(router_.endpoint(node), std::move(body), timeout,
              [cb = std::move(cb)](const boost::json::object* r) {
                ClientAnswer answer;
                answer.kind = r ? ClientAnswer::Kind::Reply : ClientAnswer::Kind::Timeout;
                answer.body = r;
                cb(answer);
              });
  }
  void cancel() override { rpc_.cancel_all(); }

 private:
  nemesis::Router& router_;
  RpcEndpoint rpc_;
};

}  // namespace faultline::harness
