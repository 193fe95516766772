#include "harness/suite/suite_stop.hpp"

#include <csignal>

namespace faultline::harness::suite {

void SuiteStop::request(int signo) {
  int none = 0;
  if (signal_.compare_exchange_strong(none, signo))
    tell(Step::Forward);
  else
    kill();
}

void SuiteStop::kill() {
  if (!killing_.exchange(true)) tell(Step::Kill);
}

void SuiteStop::tell(Step step) {
  std::lock_guard<std::mutex> g(lock_);
  for (auto& [id, listener] : listeners_) listener(step, signal());
}

int SuiteStop::listen(Listener listener) {
  std::lock_guard<std::mutex> g(lock_);
  // Under the lock: a step is told either here or by tell(), never both or neither.
  if (stopping()) listener(Step::Forward, signal());
  if (killing()) listener(Step::Kill, signal());
  listeners_.emplace(next_id_, std::move(listener));
  return next_id_++;
}

void SuiteStop::unlisten(int id) {
  std::lock_guard<std::mutex> g(lock_);
  listeners_.erase(id);
}

SuiteSignals::SuiteSignals(SuiteStop& stop, std::chrono::milliseconds grace)
    : stop_(stop), grace_(grace), signals_(io_, SIGINT, SIGTERM, SIGHUP), grace_timer_(io_) {
  wait();
  thread_ = std::thread([this] { io_.run(); });
}

SuiteSignals::~SuiteSignals() {
  io_.stop();
  thread_.join();
}

void SuiteSignals::wait() {
  signals_.async_wait([this](const boost::system::error_code& ec, int signo) {
    if (ec) return;
    const bool first = !stop_.stopping();
    stop_.request(signo);
    if (first) {
      grace_timer_.expires_after(grace_);
      grace_timer_.async_wait([this](const boost::system::error_code& gec) {
        if (!gec) stop_.kill();
      });
    }
    wait();
  });
}

}  // namespace faultline::harness::suite
