#include "harness/runtime/readiness.hpp"

#include <boost/asio/post.hpp>

#include "harness/scenario/duration.hpp"

namespace faultline::harness {

namespace {
using namespace std::chrono_literals;
constexpr auto kConnectRetry = 20ms;
constexpr auto kCommandRetry = 100ms;

}  // namespace

ReadinessProbe::ReadinessProbe(boost::asio::io_context& io, boost::asio::ip::tcp::endpoint address,
                               std::chrono::nanoseconds timeout, Done done)
    : io_(io), address_(address), timeout_(timeout), done_(std::move(done)), retry_(io), limit_(io) {}

ReadinessProbe::ReadinessProbe(boost::asio::io_context& io, NodeLaunch probe,
                               std::chrono::nanoseconds timeout, Done done)
    : io_(io),
      command_(std::move(probe)),
      timeout_(timeout),
      done_(std::move(done)),
      retry_(io),
      limit_(io) {}

ReadinessProbe::~ReadinessProbe() {
  *alive_ = false;
  finished_ = true;
  if (socket_) socket_->close();
  process_.reset();  // kills a probe still running
}

void ReadinessProbe::start() {
  deadline_ = std::chrono::steady_clock::now() + timeout_;
  std::weak_ptr<bool> alive = alive_;
  limit_.expires_at(deadline_);
  limit_.async_wait([this, alive](const boost::system::error_code& ec) {
    if (alive.expired() || ec || finished_) return;
    finish("not ready within " + format_duration(timeout_) + " (" + std::to_string(attempts_) +
           " attempts; last: " + last_failure_ + ")");
  });
  attempt();
}

void ReadinessProbe::attempt() {
  if (finished_) return;
  ++attempts_;
  if (address_) {
    connect();
  } else {
    run_command();
  }
}

void ReadinessProbe::connect() {
  socket_ = std::make_unique<boost::asio::ip::tcp::socket>(io_);
  std::weak_ptr<bool> alive = alive_;
  socket_->async_connect(*address_, [this, alive](const boost::system::error_code& ec) {
    if (alive.expired() || finished_) return;
    socket_->close();
    if (!ec) return finish("");
    failed("connect to " + address_->address().to_string() + ":" + std::to_string(address_->port()) + ": " +
           ec.message());
  });
}

void ReadinessProbe::run_command() {
  NodeProcess::Callbacks cb;
  cb.on_line = [](std::string_view) {};  // a probe's stdout says nothing we need
  std::weak_ptr<bool> alive = alive_;
  cb.on_exit = [this, alive](int status) {
    if (alive.expired() || finished_) return;
    const std::string how = describe_exit(status);
    // Posted: the process object may not be destroyed inside its own callback.
    boost::asio::post(io_, [this, alive, how, status] {
      if (alive.expired() || finished_) return;
      process_.reset();
      if (status == 0) return finish("");
      failed("the probe " + how);
    });
  };
  process_ = std::make_unique<NodeProcess>(io_, *command_, std::move(cb));
  try {
    process_->start();
  } catch (const SpawnError& e) {
    process_.reset();
    finish(std::string("cannot run the probe: ") + e.what());
  }
}

void ReadinessProbe::failed(std::string why) {
  last_failure_ = std::move(why);
  std::weak_ptr<bool> alive = alive_;
  retry_.expires_after(address_ ? std::chrono::nanoseconds(kConnectRetry)
                                : std::chrono::nanoseconds(kCommandRetry));
  retry_.async_wait([this, alive](const boost::system::error_code& ec) {
    if (alive.expired() || ec || finished_) return;
    attempt();
  });
}

void ReadinessProbe::finish(const std::string& failure) {
  if (finished_) return;
  finished_ = true;
  retry_.cancel();
  limit_.cancel();
  if (socket_) socket_->close();
  if (process_) {
    // Killed later, not inside one of its own handlers.
    boost::asio::post(io_, [p = std::shared_ptr<NodeProcess>(std::move(process_))] {});
  }
  auto done = std::move(done_);
  done(failure);
}

}  // namespace faultline::harness
