#pragma once
// A node's stderr log, bounded: a node may log gigabytes in seconds. The
// first `head` bytes go to the file as they come; after that only the last
// `tail` bytes are kept (in memory) and written, after a line saying how much
// was cut there, whenever the node's process ends or its tail is wanted. The
// log is appended across restarts of the node, and the bound is for all of them.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace faultline::harness {

class CappedLog {
 public:
  static constexpr std::size_t kDefaultHead = 1 << 20;
  static constexpr std::size_t kDefaultTail = 1 << 20;

  CappedLog(std::string path, std::size_t head = kDefaultHead, std::size_t tail = kDefaultTail);
  ~CappedLog();
  CappedLog(const CappedLog&) = delete;
  CappedLog& operator=(const CappedLog&) = delete;

  // Throws std::runtime_error when the file cannot be opened.
  void open();
  void append(std::string_view bytes);
  // Writes the kept tail (and the note of the cut) to the file.
  void flush();

  const std::string& path() const { return path_; }
  std::uint64_t cut_bytes() const { return cut_total_; }

 private:
  void write_all(std::string_view bytes);

  std::string path_;
  std::size_t head_;
  std::size_t tail_;
  int fd_ = -1;
  std::size_t head_written_ = 0;
  std::string kept_;               // the tail after the head filled up
  std::uint64_t cut_pending_ = 0;  // cut since the last flush
  std::uint64_t cut_total_ = 0;
};

}  // namespace faultline::harness
