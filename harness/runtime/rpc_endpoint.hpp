#pragma once
// A harness-side endpoint on the network (a client, or the setup client that
// sends init): numbers its requests from msg_id 1, matches replies by
// in_reply_to, and times requests out. Late replies are ignored, never fatal.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

#include "nemesis/router.hpp"

namespace faultline::harness {

class RpcEndpoint {
 public:
  // reply is the reply body, or nullptr on timeout.
  using Callback = std::function<void(const boost::json::object* reply)>;

  RpcEndpoint(boost::asio::io_context& io, nemesis::Router& router, const std::string& id);
  ~RpcEndpoint();
  RpcEndpoint(const RpcEndpoint&) = delete;
  RpcEndpoint& operator=(const RpcEndpoint&) = delete;

  // With `only_from_dest`, a reply that another process wrote (whatever its
  // src says) is ignored and kept for misdirected_reply: init must be
  // answered by the node that was initialised. Client requests accept a reply from any node,
  // as Maelstrom does, since nodes may forward them.
  void call(int dest, boost::json::object body, std::chrono::nanoseconds timeout, Callback cb,
            bool only_from_dest = false);
  // The last reply to a request for `dest` that another endpoint sent, as its
  // raw message; empty if none.
  std::string misdirected_reply(int dest) const;
  void cancel_all();  // drops pending callbacks without calling them
  const std::string& id() const { return id_; }
  int endpoint() const { return endpoint_; }
  std::uint64_t ignored_replies() const { return ignored_; }

 private:
  struct Pending {
    std::unique_ptr<boost::asio::steady_timer> timer;
    Callback cb;
    int dest;
    bool only_from_dest;
  };
  void on_message(const boost::json::object& message, int writer);
  void finish(std::int64_t msg_id, const boost::json::object* reply);

  boost::asio::io_context& io_;
  nemesis::Router& router_;
  std::string id_;
  int endpoint_;
  std::int64_t next_msg_id_ = 1;
  std::unordered_map<std::int64_t, Pending> pending_;
  std::unordered_map<int, std::string> misdirected_;  // dest -> last reply another endpoint sent
  std::uint64_t ignored_ = 0;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace faultline::harness
