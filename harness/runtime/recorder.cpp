#include "harness/runtime/recorder.hpp"

#include <fcntl.h>
#include <malloc.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "history/jsonl.hpp"
#include "history/op_value.hpp"
#include "history/output_file.hpp"

namespace faultline::harness {

Recorder::Recorder(const std::string& jsonl_path)
    : file_(::fdopen(history::open_for_writing(jsonl_path, O_WRONLY | O_CREAT | O_TRUNC), "w")) {
  if (!file_) throw std::runtime_error("cannot write " + jsonl_path + ": " + std::strerror(errno));
  history_.reserve(1 << 16);
}

Recorder::~Recorder() { close(); }

std::int64_t Recorder::now() const {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start_)
      .count();
}

const history::Op& Recorder::record(history::Op op) {
  op.index = static_cast<std::int64_t>(history_.size());
  op.time = now();
  if (file_) {
    std::string line = history::to_jsonl_line(op);
    line.push_back('\n');
    std::fwrite(line.data(), 1, line.size(), file_);
    std::fflush(file_);  // to the OS: survives our crash, not the machine's
  }
  history::pack_value(op);  // after writing: the file keeps the plain JSON
  history_.push_back(std::move(op));
  return history_.back();
}

void Recorder::release_history() {
  history::History().swap(history_);
  ::malloc_trim(0);  // glibc keeps freed small blocks otherwise, and the report reads the file next
}

void Recorder::close() {
  if (file_) std::fclose(file_);
  file_ = nullptr;
}

}  // namespace faultline::harness
