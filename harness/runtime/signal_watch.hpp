#pragma once
// The signals that end a run (INT, TERM, HUP), caught on a thread of their
// own. The run's event loop catches them while it runs; once it has stopped
// and the main thread is busy checking the history, this is what still
// hears ^C.
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <thread>

namespace faultline::harness {

class SignalWatch {
 public:
  SignalWatch();
  ~SignalWatch();
  SignalWatch(const SignalWatch&) = delete;
  SignalWatch& operator=(const SignalWatch&) = delete;

  // The signal caught, 0 while none has been.
  int caught() const { return caught_.load(); }

 private:
  boost::asio::io_context io_;
  boost::asio::signal_set signals_;
  std::atomic<int> caught_{0};
  std::thread thread_;
};

}  // namespace faultline::harness
