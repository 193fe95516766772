#include "harness/runtime/progress.hpp"

#include <sys/ioctl.h>
#include <unistd.h>
#include <cstdio>

namespace faultline::harness {

namespace {

// The terminal's width now (it may have been resized); 80 when unknown.
std::size_t terminal_columns() {
  winsize ws{};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

}  // namespace

std::string format_progress(const ProgressSnapshot& s, std::chrono::nanoseconds time_limit) {
  char head[160];
  std::snprintf(head, sizeof head, "[%6.1fs / %.0fs%s%s] ops %llu: ok %llu, fail %llu, info %llu",
                static_cast<double>(s.elapsed_ns) / 1e9, std::chrono::duration<double>(time_limit).count(),
                s.phase.empty() ? "" : ", ", s.phase.c_str(),
                static_cast<unsigned long long>(s.counts.invoke),
                static_cast<unsigned long long>(s.counts.ok), static_cast<unsigned long long>(s.counts.fail),
                static_cast<unsigned long long>(s.counts.info));
  std::string line = head;
  line += " | faults: ";
  if (s.active_faults.empty()) line += "none";
  for (std::size_t i = 0; i < s.active_faults.size(); ++i) line += (i ? ", " : "") + s.active_faults[i];
  return line;
}

std::string fit_to_width(const std::string& line, std::size_t columns) {
  if (columns == 0) return {};
  std::size_t cols = 0, cut = std::string::npos;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) continue;  // inside a UTF-8 sequence
    if (cols == columns - 1 && cut == std::string::npos) cut = i;
    if (++cols > columns) return line.substr(0, cut) + "…";
  }
  return line;
}

Progress::Progress(boost::asio::io_context& io, bool enabled, std::chrono::nanoseconds time_limit,
                   std::function<ProgressSnapshot()> snapshot)
    : timer_(io),
      enabled_(enabled),
      tty_(::isatty(STDERR_FILENO) == 1),
      time_limit_(time_limit),
      snapshot_(std::move(snapshot)) {}

void Progress::start() {
  if (enabled_) tick();
}

void Progress::set_phase(std::string phase) {
  phase_ = std::move(phase);
  // A CI log gets a line at each phase change: a run that seems stuck past
  // its time limit says what it is waiting for.
  if (enabled_ && !tty_) draw();
}

void Progress::tick() {
  timer_.expires_after(tty_ ? std::chrono::milliseconds(250) : std::chrono::seconds(5));
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;
    draw();
    tick();
  });
}

void Progress::draw() {
  ProgressSnapshot s = snapshot_();
  s.phase = phase_;
  const std::string line = format_progress(s, time_limit_);
  if (tty_) {
    // One column spare: writing the last column makes some terminals wrap.
    std::fprintf(stderr, "\r\033[K%s", fit_to_width(line, terminal_columns() - 1).c_str());
    drew_ = true;
  } else {
    std::fprintf(stderr, "%s\n", line.c_str());
  }
  std::fflush(stderr);
}

void Progress::stop() {
  timer_.cancel();
  if (drew_) {
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
    drew_ = false;
  }
}

}  // namespace faultline::harness
