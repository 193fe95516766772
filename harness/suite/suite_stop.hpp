#pragma once
// Stopping a suite on SIGINT, SIGTERM or SIGHUP. The first signal stops
// starting runs and forwards the signal to every running child run, which
// writes its own results as `interrupted`; the suite waits for them (bounded
// by a grace period) and then writes its summaries. A second signal, or the
// end of the grace, kills the children's process groups: the summaries are
// still written.
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

namespace faultline::harness::suite {

class SuiteStop {
 public:
  enum class Step { Forward, Kill };
  // Called on the stopping thread with the step and the signal; must only
  // hand the work to the child's own thread (e.g. asio::post).
  using Listener = std::function<void(Step, int signo)>;

  // The first signal caught, 0 while the suite runs on.
  int signal() const { return signal_.load(); }
  bool stopping() const { return signal() != 0; }
  bool killing() const { return killing_.load(); }

  // One signal: the first forwards, any later one kills.
  void request(int signo);
  // The grace is over: kill whatever still runs.
  void kill();

  // A running child listens from its start to its end; a child that starts
  // after a stop hears the steps taken so far at once.
  int listen(Listener listener);
  void unlisten(int id);

 private:
  void tell(Step step);

  std::atomic<int> signal_{0};
  std::atomic<bool> killing_{false};
  std::mutex lock_;
  std::map<int, Listener> listeners_;
  int next_id_ = 0;
};

// Catches INT, TERM and HUP on a thread of its own for as long as it lives,
// feeding `stop`, and kills the children `grace` after the first signal.
class SuiteSignals {
 public:
  SuiteSignals(SuiteStop& stop, std::chrono::milliseconds grace);
  ~SuiteSignals();
  SuiteSignals(const SuiteSignals&) = delete;
  SuiteSignals& operator=(const SuiteSignals&) = delete;

 private:
  void wait();

  SuiteStop& stop_;
  std::chrono::milliseconds grace_;
  boost::asio::io_context io_;
  boost::asio::signal_set signals_;
  boost::asio::steady_timer grace_timer_;
  std::thread thread_;
};

// The suite's exit code after a stop by `signo`: 128 + signo, as a shell
// reports a process ended by that signal; distinct from every verdict code.
inline int interrupted_exit_code(int signo) { return 128 + signo; }

}  // namespace faultline::harness::suite
