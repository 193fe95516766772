#include "harness/runtime/progress.hpp"

#include <unistd.h>
#include <cstdio>

namespace faultline::harness {

std::string format_progress(const ProgressSnapshot& s, std::chrono::nanoseconds time_limit) {
  char head[128];
  std::snprintf(head, sizeof head, "[%6.1fs / %.0fs] ops %llu: ok %llu, fail %llu, info %llu",
                static_cast<double>(s.elapsed_ns) / 1e9, std::chrono::duration<double>(time_limit).count(),
                static_cast<unsigned long long>(s.counts.invoke),
                static_cast<unsigned long long>(s.counts.ok), static_cast<unsigned long long>(s.counts.fail),
                static_cast<unsigned long long>(s.counts.info));
  std::string line = head;
  line += " | faults: ";
  if (s.active_faults.empty()) line += "none";
  for (std::size_t i = 0; i < s.active_faults.size(); ++i) line += (i ? ", " : "") + s.active_faults[i];
  return line;
}

Progress::Progress(boost::asio::io_context& io, bool enabled, std::chrono::nanoseconds time_limit,
                   std::function<ProgressSnapshot()> snapshot)
    : timer_(io),
      enabled_(enabled),
      tty_(::isatty(STDOUT_FILENO) == 1),
      time_limit_(time_limit),
      snapshot_(std::move(snapshot)) {}

void Progress::start() {
  if (enabled_) tick();
}

void Progress::tick() {
  timer_.expires_after(tty_ ? std::chrono::milliseconds(250) : std::chrono::seconds(5));
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;
    const std::string line = format_progress(snapshot_(), time_limit_);
    if (tty_) {
      std::printf("\r\033[K%s", line.c_str());
      drew_ = true;
    } else {
      std::printf("%s\n", line.c_str());
    }
    std::fflush(stdout);
    tick();
  });
}

void Progress::stop() {
  timer_.cancel();
  if (drew_) {
    std::printf("\r\033[K");
    std::fflush(stdout);
    drew_ = false;
  }
}

}  // namespace faultline::harness
