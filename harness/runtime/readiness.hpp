#pragma once
// Waits until a tcp/udp node is up, in place of Maelstrom's init: a connect
// to the node's real address on its `ready.port` succeeds, or its
// `ready.command` probe exits 0. It tries again every few milliseconds until
// the timeout, because a server binds its port some time after exec.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "harness/runtime/node_process.hpp"

namespace faultline::harness {

class ReadinessProbe {
 public:
  // Empty: the node is ready; else why it is not ("no connection to ...").
  using Done = std::function<void(const std::string& failure)>;

  // A connect to `address`.
  ReadinessProbe(boost::asio::io_context& io, boost::asio::ip::tcp::endpoint address,
                 std::chrono::nanoseconds timeout, Done done);
  // The probe command exits 0.
  ReadinessProbe(boost::asio::io_context& io, NodeLaunch probe, std::chrono::nanoseconds timeout, Done done);
  // Stops probing (a probe process is killed); `done` is not called.
  ~ReadinessProbe();
  ReadinessProbe(const ReadinessProbe&) = delete;
  ReadinessProbe& operator=(const ReadinessProbe&) = delete;

  void start();

 private:
  void attempt();
  void connect();
  void run_command();
  void failed(std::string why);
  void finish(const std::string& failure);

  boost::asio::io_context& io_;
  std::optional<boost::asio::ip::tcp::endpoint> address_;
  std::optional<NodeLaunch> command_;
  std::chrono::steady_clock::time_point deadline_;
  std::chrono::nanoseconds timeout_;
  Done done_;
  boost::asio::steady_timer retry_;
  boost::asio::steady_timer limit_;
  std::unique_ptr<boost::asio::ip::tcp::socket> socket_;
  std::unique_ptr<NodeProcess> process_;
  std::string last_failure_ = "no attempt finished";
  int attempts_ = 0;
  bool finished_ = false;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace faultline::harness
