#include "nemesis/message_trace.hpp"

#include <fcntl.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "history/output_file.hpp"

namespace faultline::nemesis {

namespace json = boost::json;

namespace {

// A cut that ends inside a UTF-8 sequence would leave a broken character.
std::size_t utf8_floor(std::string_view s, std::size_t n) {
  while (n > 0 && n < s.size() && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return n;
}

}  // namespace

MessageTrace::MessageTrace(const std::filesystem::path& path, Clock::time_point origin, TraceLimits limits)
    : path_(path.string()), origin_(origin), limits_(limits) {
  file_ = ::fdopen(history::open_for_writing(path, O_WRONLY | O_CREAT | O_TRUNC), "w");
  if (!file_) throw std::runtime_error("cannot write " + path_ + ": " + std::strerror(errno));
  // Buffered, unlike the history: a trace line per message must stay cheap.
  std::setvbuf(file_, nullptr, _IOFBF, 1 << 18);
}

MessageTrace::~MessageTrace() { close(); }

namespace {

// A JSON string: ids and types are short and plain, so this is the hot path
// of every line, without building a JSON value for it.
void append_quoted(std::string& out, std::string_view s) {
  out.push_back('"');
  for (const char c : s) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (static_cast<unsigned char>(c) < 0x20) {
      static const char hex[] = "0123456789abcdef";
      out += "\\u00";
      out.push_back(hex[(c >> 4) & 0xF]);
      out.push_back(hex[c & 0xF]);
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
}

}  // namespace

std::string& MessageTrace::head(std::string_view event, std::int64_t id, std::string_view src,
                                std::string_view dst) {
  line_.clear();
  line_t_ = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - origin_).count();
  line_ += "{\"t\":" + std::to_string(line_t_) + ",\"event\":\"";
  line_ += event;
  line_ += "\",\"id\":" + std::to_string(id) + ",\"src\":";
  append_quoted(line_, src);
  line_ += ",\"dst\":";
  append_quoted(line_, dst);
  return line_;
}

void MessageTrace::write() {
  line_ += "}\n";
  if (!file_) return;
  if (bytes_ + line_.size() > limits_.max_bytes) {
    if (cut_events_ == 0) first_cut_ns_ = line_t_;
    ++cut_events_;
    cut_bytes_ += line_.size();
    return;
  }
  std::fwrite(line_.data(), 1, line_.size(), file_);
  bytes_ += line_.size();
  ++events_;
}

void MessageTrace::send(std::int64_t id, std::string_view src, std::string_view dst,
                        const json::object& message, std::string_view as_src) {
  if (!file_) return;
  std::string& o = head("send", id, src, dst);
  if (!as_src.empty()) {
    o += ",\"as\":";
    append_quoted(o, as_src);
  }
  const json::value* body_value = message.if_contains("body");
  if (const json::object* body = body_value ? body_value->if_object() : nullptr) {
    for (const char* key : {"type", "msg_id", "in_reply_to"})
      if (const auto* v = body->if_contains(key)) {
        o += ",\"";
        o += key;
        o += "\":";
        o += json::serialize(*v);
      }
    const std::string text = json::serialize(*body);
    if (text.size() <= limits_.body_bytes) {
      o += ",\"body\":";
      o += text;
    } else {
      o += ",\"body_text\":";
      o += json::serialize(json::string_view(text.data(), utf8_floor(text, limits_.body_bytes)));
      o += ",\"body_bytes\":" + std::to_string(text.size());
    }
  }
  write();
}

void MessageTrace::held(std::int64_t id, std::string_view src, std::string_view dst,
                        std::chrono::nanoseconds delay) {
  if (!file_) return;
  head("held", id, src, dst) += ",\"for_ns\":" + std::to_string(delay.count());
  write();
}

void MessageTrace::deliver(std::int64_t id, std::string_view src, std::string_view dst) {
  if (!file_) return;
  head("deliver", id, src, dst);
  write();
}

void MessageTrace::drop(std::int64_t id, std::string_view src, std::string_view dst, std::string_view why) {
  if (!file_) return;
  std::string& o = head("drop", id, src, dst);
  o += ",\"why\":";
  append_quoted(o, why);
  write();
}

void MessageTrace::duplicate(std::int64_t id, std::string_view src, std::string_view dst) {
  if (!file_) return;
  head("duplicate", id, src, dst);
  write();
}

void MessageTrace::close() {
  if (!file_) return;
  if (cut_events_) {
    // Written past the cap on purpose: a reader must learn the trace is partial.
    const json::object note{{"event", "cut"},
                            {"events", cut_events_},
                            {"bytes", cut_bytes_},
                            {"from_t", first_cut_ns_},
                            {"why", "trace over its max_bytes cap of " + std::to_string(limits_.max_bytes) +
                                        " bytes; later events were not written"}};
    const std::string text = json::serialize(note) + "\n";
    std::fwrite(text.data(), 1, text.size(), file_);
  }
  std::fclose(file_);
  file_ = nullptr;
}

}  // namespace faultline::nemesis
