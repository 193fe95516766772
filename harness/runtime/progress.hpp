#pragma once
// The live progress of a run: one redrawn line on a terminal, plain lines
// every few seconds otherwise (CI logs).
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "harness/runtime/client_pool.hpp"

namespace faultline::harness {

struct ProgressSnapshot {
  std::int64_t elapsed_ns = 0;
  OpCounts counts;
  std::vector<std::string> active_faults;
};

std::string format_progress(const ProgressSnapshot& s, std::chrono::nanoseconds time_limit);

class Progress {
 public:
  Progress(boost::asio::io_context& io, bool enabled, std::chrono::nanoseconds time_limit,
           std::function<ProgressSnapshot()> snapshot);
  void start();
  void stop();

 private:
  void tick();
  boost::asio::steady_timer timer_;
  bool enabled_;
  bool tty_;
  std::chrono::nanoseconds time_limit_;
  std::function<ProgressSnapshot()> snapshot_;
  bool drew_ = false;
};

}  // namespace faultline::harness
