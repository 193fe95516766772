#pragma once
// Bandwidth as a token bucket in bytes per second. The bucket holds at most
// 50 ms worth of bytes, so a throttled stream goes out in small, even bursts
// rather than one burst per second.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>

namespace faultline::nemesis::proxy {

class TokenBucket {
 public:
  using Clock = std::chrono::steady_clock;

  // How many of `want` bytes may be written now at `rate` bytes/s; 0 means
  // wait until ready_at(). A rate change restarts the bucket empty, so a new
  // limit holds from its first byte.
  std::size_t take(std::uint64_t rate, std::size_t want, Clock::time_point now) {
    refill(rate, now);
    const std::size_t n = std::min(want, burst(rate));
    if (tokens_ + 1e-9 < static_cast<double>(n)) return 0;
    tokens_ -= static_cast<double>(n);
    return n;
  }

  Clock::time_point ready_at(std::uint64_t rate, std::size_t want, Clock::time_point now) const {
    const double missing = static_cast<double>(std::min(want, burst(rate))) - tokens_;
    if (missing <= 0 || rate == 0) return now;
    return now +
           std::chrono::nanoseconds(static_cast<std::int64_t>(missing * 1e9 / static_cast<double>(rate)) + 1);
  }

 private:
  static std::size_t burst(std::uint64_t rate) { return std::max<std::size_t>(1, rate / 20); }
  void refill(std::uint64_t rate, Clock::time_point now) {
    if (rate != rate_) {
      rate_ = rate;
      tokens_ = 0;
      last_ = now;
      return;
    }
    const double elapsed = std::chrono::duration<double>(now - last_).count();
    last_ = now;
    tokens_ = std::min(static_cast<double>(burst(rate)), tokens_ + elapsed * static_cast<double>(rate));
  }

  std::uint64_t rate_ = 0;
  double tokens_ = 0;
  Clock::time_point last_{};
};

}  // namespace faultline::nemesis::proxy
