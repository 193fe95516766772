#pragma once
// history.jsonl: the on-disk history, one JSON op per line, appended as ops
// happen so that a crash or ^C loses nothing already observed.
//
//   {"index":0,"time":12,"process":3,"type":"invoke","f":"read","value":null}
//   {"index":9,"time":40,"process":"nemesis","type":"info","f":"start","value":["n1"],"node":"n1",
//    "error":"why","final":true}
//
// `value` is always present; `node` is omitted when empty, `error` when null and
// `final` when false.
#include <boost/json.hpp>
#include <cstddef>
#include <istream>
#include <string>

#include "history/op.hpp"
#include "history/read_notes.hpp"

namespace faultline::history {

// One line, without the trailing newline.
std::string to_jsonl_line(const Op& op);

// Throws std::invalid_argument naming the bad field. A missing `index` or
// `time` reads as 0.
Op op_from_json(const boost::json::object& object);

// Appends ops to a file. Each append is a single write(2) of the whole line,
// so the OS has it as soon as append returns and a crash can at worst leave
// one partial last line, which read_jsonl tolerates.
class JsonlWriter {
 public:
  // Throws std::runtime_error naming the path and the OS error.
  explicit JsonlWriter(const std::string& path);
  ~JsonlWriter();
  JsonlWriter(const JsonlWriter&) = delete;
  JsonlWriter& operator=(const JsonlWriter&) = delete;
  JsonlWriter(JsonlWriter&& other) noexcept;
  JsonlWriter& operator=(JsonlWriter&& other) noexcept;

  // Throws std::runtime_error if the write fails (disk full, closed writer).
  void append(const Op& op);
  void close();
  bool is_open() const { return fd_ >= 0; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  int fd_ = -1;
};

// Reads a whole history; blank lines are skipped, a missing `index` becomes
// the op's position. read_history_file (history_file.hpp) is the entry point
// that also knows the other formats.
History read_jsonl(const std::string& path, ReadNotes* notes = nullptr, ReadMode mode = ReadMode::Strict);
History read_jsonl_stream(std::istream& in, const std::string& name, ReadNotes* notes = nullptr,
                          ReadMode mode = ReadMode::Strict);

}  // namespace faultline::history
