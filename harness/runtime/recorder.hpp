#pragma once
// The run's history: every op gets its index and time here and is appended to
// history.jsonl at once, so a crash or ^C loses nothing already observed.
#include <chrono>
#include <cstdio>
#include <string>

#include "history/op.hpp"

namespace faultline::harness {

class Recorder {
 public:
  explicit Recorder(const std::string& jsonl_path);
  ~Recorder();
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;

  // Nanoseconds since the run started (monotonic).
  std::int64_t now() const;
  std::chrono::steady_clock::time_point start() const { return start_; }
  const history::Op& record(history::Op op);
  const history::History& history() const { return history_; }
  // Frees the in-memory history (and gives the memory back to the system)
  // once everything that reads it is done; history.jsonl keeps every op.
  void release_history();
  void close();

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::FILE* file_ = nullptr;
  history::History history_;
};

}  // namespace faultline::harness
