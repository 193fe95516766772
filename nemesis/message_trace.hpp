#pragma once
// The opt-in message trace (`network.trace`): one JSON line per thing the
// stdio router does to a message (send, held, deliver, drop, duplicate), so a
// reader can see what the nodes said to each other and what the network did
// to it, as Maelstrom's messages.svg and --log-net-send show. Written as the
// run goes, through the same no-symlink open as history.jsonl. Bounded: each
// body is cut at `body_bytes`, the file at `max_bytes`; the last line says
// what was cut.
#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

namespace faultline::nemesis {

struct TraceLimits {
  std::size_t max_bytes = std::size_t{64} << 20;  // the whole file
  std::size_t body_bytes = 1024;                  // one message's body, serialized
};

class MessageTrace {
 public:
  using Clock = std::chrono::steady_clock;

  // Times are nanoseconds since `origin` (the history's clock). Throws
  // std::runtime_error when the file cannot be opened.
  MessageTrace(const std::filesystem::path& path, Clock::time_point origin, TraceLimits limits = {});
  ~MessageTrace();
  MessageTrace(const MessageTrace&) = delete;
  MessageTrace& operator=(const MessageTrace&) = delete;

  // `id` is the router's message id (the "id" it adds); links are writer -> dst.
  // `as_src` is the message's own src when a node wrote it under another id.
  void send(std::int64_t id, std::string_view src, std::string_view dst, const boost::json::object& message,
            std::string_view as_src = {});
  void held(std::int64_t id, std::string_view src, std::string_view dst, std::chrono::nanoseconds delay);
  void deliver(std::int64_t id, std::string_view src, std::string_view dst);
  // `why`: partition, loss, over-cap, partition-in-flight, receiver-down.
  void drop(std::int64_t id, std::string_view src, std::string_view dst, std::string_view why);
  void duplicate(std::int64_t id, std::string_view src, std::string_view dst);

  // Writes the note of what was cut (if anything) and closes. Idempotent.
  void close();

  std::uint64_t events() const { return events_; }
  std::uint64_t cut_events() const { return cut_events_; }

 private:
  // Starts line_ (without its closing brace); write() ends and writes it.
  std::string& head(std::string_view event, std::int64_t id, std::string_view src, std::string_view dst);
  void write();

  std::string path_;
  Clock::time_point origin_;
  TraceLimits limits_;
  std::FILE* file_ = nullptr;
  std::string line_;  // the line being built, reused
  std::int64_t line_t_ = 0;
  std::uint64_t bytes_ = 0;
  std::uint64_t events_ = 0;
  std::uint64_t cut_events_ = 0;
  std::uint64_t cut_bytes_ = 0;
  std::int64_t first_cut_ns_ = -1;
};

// The file name in a run directory.
inline constexpr const char* kTraceFile = "trace.jsonl";

}  // namespace faultline::nemesis
