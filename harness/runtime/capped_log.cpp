#include "harness/runtime/capped_log.hpp"
#include "history/output_file.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace faultline::harness {

CappedLog::CappedLog(std::string path, std::size_t head, std::size_t tail)
    : path_(std::move(path)), head_(head), tail_(tail) {}

CappedLog::~CappedLog() {
  flush();
  if (fd_ >= 0) ::close(fd_);
}

void CappedLog::open() {
  if (fd_ >= 0) return;
  fd_ = history::open_for_writing(path_, O_WRONLY | O_CREAT | O_APPEND);
}

void CappedLog::write_all(std::string_view bytes) {
  while (!bytes.empty() && fd_ >= 0) {
    const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // a full disk loses log lines, not the run
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

void CappedLog::append(std::string_view bytes) {
  if (head_written_ < head_) {
    const std::size_t n = std::min(bytes.size(), head_ - head_written_);
    write_all(bytes.substr(0, n));
    head_written_ += n;
    bytes.remove_prefix(n);
  }
  if (bytes.empty()) return;
  kept_.append(bytes);
  // Trim only when twice the tail is held: each byte is moved O(1) times.
  if (kept_.size() > 2 * tail_) {
    const std::size_t drop = kept_.size() - tail_;
    kept_.erase(0, drop);
    cut_pending_ += drop;
    cut_total_ += drop;
  }
}

void CappedLog::flush() {
  if (kept_.size() > tail_) {
    const std::size_t drop = kept_.size() - tail_;
    kept_.erase(0, drop);
    cut_pending_ += drop;
    cut_total_ += drop;
  }
  if (cut_pending_ > 0) {
    write_all("\n[faultline: " + std::to_string(cut_pending_) +
              " bytes of this node's stderr cut here; a log keeps its first " + std::to_string(head_) +
              " and last " + std::to_string(tail_) + " bytes]\n");
    cut_pending_ = 0;
  }
  write_all(kept_);
  kept_.clear();
}

}  // namespace faultline::harness
