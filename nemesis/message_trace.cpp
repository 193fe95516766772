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

json::object MessageTrace::head(std::string_view event, std::int64_t id, std::string_view src,
                                std::string_view dst) const {
  json::object o;
  o.reserve(12);
  o["t"] = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - origin_).count();
  o["event"] = event;
  o["id"] = id;
  o["src"] = src;
  o["dst"] = dst;
  return o;
}

void MessageTrace::write(const json::object& line) {
  if (!file_) return;
  std::string text = json::serialize(line);
  text.push_back('\n');
  if (bytes_ + text.size() > limits_.max_bytes) {
    if (cut_events_ == 0) first_cut_ns_ = line.at("t").as_int64();
    ++cut_events_;
    cut_bytes_ += text.size();
    return;
  }
  std::fwrite(text.data(), 1, text.size(), file_);
  bytes_ += text.size();
  ++events_;
}

void MessageTrace::send(std::int64_t id, std::string_view src, std::string_view dst,
                        const json::object& message, std::string_view as_src) {
  json::object o = head("send", id, src, dst);
  if (!as_src.empty()) o["as"] = as_src;
  if (const json::object* body = message.contains("body") ? message.at("body").if_object() : nullptr) {
    if (const auto* type = body->if_contains("type")) o["type"] = *type;
    if (const auto* msg_id = body->if_contains("msg_id")) o["msg_id"] = *msg_id;
    if (const auto* reply_to = body->if_contains("in_reply_to")) o["in_reply_to"] = *reply_to;
    const std::string text = json::serialize(*body);
    if (text.size() <= limits_.body_bytes) {
      o["body"] = *body;
    } else {
      o["body_text"] = std::string_view(text).substr(0, utf8_floor(text, limits_.body_bytes));
      o["body_bytes"] = text.size();
    }
  }
  write(o);
}

void MessageTrace::held(std::int64_t id, std::string_view src, std::string_view dst,
                        std::chrono::nanoseconds delay) {
  json::object o = head("held", id, src, dst);
  o["for_ns"] = delay.count();
  write(o);
}

void MessageTrace::deliver(std::int64_t id, std::string_view src, std::string_view dst) {
  write(head("deliver", id, src, dst));
}

void MessageTrace::drop(std::int64_t id, std::string_view src, std::string_view dst, std::string_view why) {
  json::object o = head("drop", id, src, dst);
  o["why"] = why;
  write(o);
}

void MessageTrace::duplicate(std::int64_t id, std::string_view src, std::string_view dst) {
  write(head("duplicate", id, src, dst));
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
