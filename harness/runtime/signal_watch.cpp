#include "harness/runtime/signal_watch.hpp"

#include <csignal>

namespace faultline::harness {

SignalWatch::SignalWatch() : signals_(io_, SIGINT, SIGTERM, SIGHUP) {
  signals_.async_wait([this](const boost::system::error_code& ec, int signo) {
    if (!ec) caught_.store(signo);
  });
  thread_ = std::thread([this] { io_.run(); });
}

SignalWatch::~SignalWatch() {
  io_.stop();
  thread_.join();
}

}  // namespace faultline::harness
