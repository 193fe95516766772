#include "history/jsonl.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <utility>

#include "history/json_fields.hpp"
#include "history/op_value.hpp"
#include "history/output_file.hpp"

namespace faultline::history {

namespace json = boost::json;

std::string to_jsonl_line(const Op& op) {
  // Built by hand rather than through json::object so the key order is fixed
  // and no intermediate object is allocated per op.
  std::string line;
  line.reserve(96);
  line += "{\"index\":";
  line += std::to_string(op.index);
  line += ",\"time\":";
  line += std::to_string(op.time);
  line += ",\"process\":";
  if (op.process == kNemesisProcess)
    line += "\"nemesis\"";
  else
    line += std::to_string(op.process);
  line += ",\"type\":\"";
  line += to_string(op.type);
  line += "\",\"f\":";
  line += json::serialize(json::string_view(op.f));
  line += ",\"value\":";
  json::value scratch;
  line += json::serialize(value_of(op, scratch));
  if (!op.node.empty()) {
    line += ",\"node\":";
    line += json::serialize(json::string_view(op.node));
  }
  if (!op.error.is_null()) {
    line += ",\"error\":";
    line += json::serialize(op.error);
  }
  if (op.final) line += ",\"final\":true";
  line += '}';
  return line;
}

Op op_from_json(const json::object& object) { return detail::op_from_object(object); }

// --- writer ---------------------------------------------------------------

JsonlWriter::JsonlWriter(const std::string& path) : path_(path) {
  fd_ = open_for_writing(path, O_WRONLY | O_CREAT | O_APPEND);
}

JsonlWriter::~JsonlWriter() { close(); }

JsonlWriter::JsonlWriter(JsonlWriter&& other) noexcept
    : path_(std::move(other.path_)), fd_(std::exchange(other.fd_, -1)) {}

JsonlWriter& JsonlWriter::operator=(JsonlWriter&& other) noexcept {
  if (this != &other) {
    close();
    path_ = std::move(other.path_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

void JsonlWriter::append(const Op& op) {
  if (fd_ < 0) throw std::runtime_error("append to closed history " + path_);
  std::string line = to_jsonl_line(op);
  line += '\n';
  const char* p = line.data();
  std::size_t left = line.size();
  while (left > 0) {
    ssize_t n = ::write(fd_, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error("cannot append to " + path_ + ": " + std::strerror(errno));
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

void JsonlWriter::close() {
  if (fd_ >= 0) {
    ::close(fd_);
    fd_ = -1;
  }
}

// --- reader ---------------------------------------------------------------

namespace {

enum class LineStatus { Parsed, Incomplete, Bad };

struct ParsedLine {
  LineStatus status;
  json::value value;
  std::string error;
};

// Distinguishes "the text stops before the object ends" (a torn write) from
// real syntax errors, so only the former is forgiven on the last line.
ParsedLine parse_line(const std::string& line) {
  json::stream_parser parser;
  json::error_code ec;
  parser.write(line.data(), line.size(), ec);
  if (ec) return {LineStatus::Bad, {}, "not JSON: " + ec.message()};
  parser.finish(ec);
  if (ec) {
    if (!parser.done()) return {LineStatus::Incomplete, {}, "incomplete JSON object"};
    return {LineStatus::Bad, {}, "not JSON: " + ec.message()};
  }
  return {LineStatus::Parsed, parser.release(), {}};
}

bool is_blank(const std::string& line) {
  for (char c : line)
    if (c != ' ' && c != '\t' && c != '\r') return false;
  return true;
}

}  // namespace

History read_jsonl_stream(std::istream& in, const std::string& name, ReadNotes* notes, ReadMode mode) {
  ReadNotes local;
  ReadNotes& n = notes ? *notes : local;
  const bool lenient = mode == ReadMode::Lenient;
  History history;
  std::string line;
  std::size_t line_no = 0;
  // A torn line is only forgiven if nothing but blank lines follows it, so we
  // remember it and fail (or, lenient, note it) if another op turns up later.
  std::size_t pending_incomplete = 0;
  auto bad = [&](std::size_t at, const std::string& what) {
    std::string note = name + ":" + std::to_string(at) + ": " + what;
    if (!lenient) throw std::runtime_error(note);
    n.skipped(std::move(note));
  };
  while (std::getline(in, line)) {
    ++line_no;
    if (is_blank(line)) continue;
    if (pending_incomplete) {
      bad(pending_incomplete, "incomplete JSON object");
      pending_incomplete = 0;
    }
    ParsedLine parsed = parse_line(line);
    if (parsed.status == LineStatus::Incomplete) {
      pending_incomplete = line_no;
      continue;
    }
    if (parsed.status == LineStatus::Bad) {
      bad(line_no, parsed.error);
      continue;
    }
    if (!parsed.value.is_object()) {
      bad(line_no, "expected a JSON object per line");
      continue;
    }
    const json::object& object = parsed.value.get_object();
    try {
      Op op = detail::op_from_object(object);
      if (!object.contains("index")) op.index = static_cast<std::int64_t>(history.size());
      pack_value(op);  // as it is read: the unpacked lists never all exist at once
      history.push_back(std::move(op));
    } catch (const std::invalid_argument& e) {
      bad(line_no, e.what());
    }
  }
  if (in.bad()) throw std::runtime_error(name + ": read error");
  if (pending_incomplete) {
    n.truncated_tail = true;
    n.truncated_line = pending_incomplete;
    n.skipped(name + ":" + std::to_string(pending_incomplete) +
              ": incomplete last line (the run stopped mid-write); dropped");
  }
  return history;
}

History read_jsonl(const std::string& path, ReadNotes* notes, ReadMode mode) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
  return read_jsonl_stream(in, path, notes, mode);
}

}  // namespace faultline::history
