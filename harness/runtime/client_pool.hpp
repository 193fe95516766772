#pragma once
// The workers c1..cK: each keeps one op in flight against its node, at a
// total rate staggered as Jepsen's (gaps uniform in [0, 2/rate)). Every
// invoke and completion goes to the history as it happens.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "harness/runtime/client_channel.hpp"
#include "harness/runtime/recorder.hpp"
#include "workloads/workload.hpp"

namespace faultline::harness {

struct ClientConfig {
  int concurrency = 1;
  double rate = 10;  // ops/s over all clients; 0 = none
  std::chrono::nanoseconds timeout = std::chrono::seconds(5);
  std::vector<std::string> nodes;
};

struct OpCounts {
  std::uint64_t invoke = 0, ok = 0, fail = 0, info = 0;
  std::uint64_t main_invoke = 0;  // invoked in the main phase, at the workload's rate
};

class ClientPool {
 public:
  // `make_channel` gives client "c1", "c2", ... its way to the nodes.
  ClientPool(boost::asio::io_context& io, ChannelFactory make_channel, Recorder& recorder,
             workloads::Workload& workload, ClientConfig config, std::uint64_t seed);

  // Runs `ready` once every client's channel takes calls.
  void open(std::function<void()> ready);
  void start_main();
  // No new main-phase ops; `on_idle` runs once nothing is in flight.
  void stop_main(std::function<void()> on_idle);
  // Each client issues the workload's final ops one after another; none
  // starts after `deadline`, so a final phase that never ends (a queue that
  // is never empty) cannot hang the run.
  void run_final(std::chrono::steady_clock::time_point deadline, std::function<void()> on_done);
  bool final_cut() const { return final_cut_; }
  void cancel();  // abort: drop everything in flight

  const OpCounts& counts() const { return counts_; }

 private:
  struct Client {
    workloads::ClientSlot slot;
    std::unique_ptr<ClientChannel> channel;
    bool busy = false;
    bool done_final = false;
  };
  void tick();
  void advance_due();
  void wait_tick();
  void dispatch();
  void invoke(Client& client, workloads::Invocation op, bool final);
  void complete(Client& client, const workloads::Invocation& op, workloads::Outcome outcome, bool final);
  void next_final(Client& client);
  void check_idle();

  boost::asio::io_context& io_;
  Recorder& recorder_;
  workloads::Workload& workload_;
  ClientConfig config_;
  history::Rng generator_rng_;
  history::Rng stagger_rng_;
  std::vector<Client> clients_;
  boost::asio::steady_timer tick_timer_;
  // Absolute time the next op is due: gaps add up on this, not on when a
  // timer happened to fire, so a late timer (a busy loop, gaps of a few
  // microseconds at high rates) owes every op whose time has passed.
  std::chrono::steady_clock::time_point next_due_;
  int tokens_ = 0;
  std::size_t next_client_ = 0;
  bool main_active_ = false;
  bool cancelled_ = false;
  std::function<void()> on_idle_;
  std::function<void()> on_final_done_;
  std::chrono::steady_clock::time_point final_deadline_;
  bool final_cut_ = false;
  OpCounts counts_;
};

}  // namespace faultline::harness
