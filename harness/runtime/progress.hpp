#pragma once
// The live progress of a run, on stderr so that stdout carries only the
// verdict: one redrawn line on a terminal, cut to its width (a wrapped line
// cannot be redrawn and leaves a stale copy behind each time); plain lines
// every few seconds and at each phase change otherwise (CI logs).
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
  std::string phase;  // empty in the main phase; "quiesce", "final reads", ... after it
};

std::string format_progress(const ProgressSnapshot& s, std::chrono::nanoseconds time_limit);
// `line` cut to at most `columns` terminal columns (UTF-8 aware), with "…" at the cut.
std::string fit_to_width(const std::string& line, std::size_t columns);

class Progress {
 public:
  Progress(boost::asio::io_context& io, bool enabled, std::chrono::nanoseconds time_limit,
           std::function<ProgressSnapshot()> snapshot);
  void start();
  // The run moved past its main phase; shown from the next update on.
  void set_phase(std::string phase);
  void stop();

 private:
  void tick();
  void draw();
  boost::asio::steady_timer timer_;
  bool enabled_;
  bool tty_;
  std::chrono::nanoseconds time_limit_;
  std::function<ProgressSnapshot()> snapshot_;
  std::string phase_;
  bool drew_ = false;
};

}  // namespace faultline::harness
