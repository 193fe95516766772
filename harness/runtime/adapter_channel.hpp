#pragma once
// A client that is an adapter process (docs/adapters.md): started like a node
// (own process group, death with the harness, stderr to client-logs/<id>.log),
// told who it is and where the nodes are on its first line, then given one
// request at a time. Whatever goes wrong with one request (the adapter
// crashes, prints something that is not its reply, or does not answer in
// time) makes that request indeterminate, and the adapter is replaced by a
// fresh process; an adapter that cannot get through init stops the run.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <optional>

#include "harness/runtime/client_channel.hpp"
#include "harness/runtime/node_process.hpp"
#include "nemesis/router.hpp"

namespace faultline::harness {

struct AdapterLaunch {
  NodeLaunch process;        // argv resolved; log_path in client-logs/
  boost::json::object init;  // the first line
  std::chrono::nanoseconds init_timeout{std::chrono::seconds(10)};
};

class AdapterChannel : public ClientChannel {
 public:
  struct Hooks {
    std::function<void(const nemesis::ProtocolError&)> protocol_error;
    std::function<void(const std::string& message)> fatal;  // the run cannot go on
  };

  AdapterChannel(boost::asio::io_context& io, AdapterLaunch launch, Hooks hooks);
  ~AdapterChannel() override;

  void open(std::function<void()> ready) override;
  void call(const std::string& node, boost::json::object body, std::chrono::nanoseconds timeout,
            Callback cb) override;
  void cancel() override;

  // Adapter processes started so far (1 + restarts), for tests and results.
  int starts() const { return starts_; }

 private:
  enum class State { Stopped, Initializing, Ready };
  struct Request {
    std::string node;
    boost::json::object body;
    std::chrono::nanoseconds timeout;
    Callback cb;
  };

  void start();
  void send(Request request);
  void on_line(std::string_view line);
  void on_init_line(std::string_view line);
  void on_exit(int wait_status);
  // The request in flight (if any) ends as Lost; a fresh adapter takes over.
  void lose_and_restart(const std::string& reason);
  void protocol_error(std::string_view line, const std::string& reason);
  std::string log_hint() const;

  boost::asio::io_context& io_;
  AdapterLaunch launch_;
  Hooks hooks_;
  std::unique_ptr<NodeProcess> process_;
  boost::asio::steady_timer timer_;
  State state_ = State::Stopped;
  std::function<void()> ready_;
  std::optional<Request> queued_;     // waits for init_ok
  std::optional<Request> in_flight_;  // sent, not answered
  std::int64_t in_flight_id_ = 0;
  std::int64_t next_id_ = 1;
  bool restart_posted_ = false;
  bool cancelled_ = false;
  int starts_ = 0;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace faultline::harness
