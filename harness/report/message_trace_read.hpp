#pragma once
// trace.jsonl (nemesis/message_trace.hpp) read back as one record per message:
// when it was sent, each delivery, its drop and why. Lenient: a bad or torn
// line is counted and skipped, so a crashed run's trace still draws.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace faultline::harness::report {

struct TracedMessage {
  std::int64_t id = 0;
  std::string src, dst;  // the link: writer -> destination
  std::string as;        // the message's own src, when a node wrote it under another id
  std::string type;
  std::string body;  // compact JSON, or the cut text
  std::int64_t sent_ns = -1;
  std::vector<std::int64_t> delivered_ns;  // more than one: duplicated
  std::int64_t dropped_ns = -1;
  std::string drop_why;
  bool duplicated = false;  // the network made an extra copy (delivered or not)
};

struct MessageTraceRead {
  std::vector<TracedMessage> messages;  // by send time
  std::size_t bad_lines = 0;
  std::string cut_note;  // the trace's own note of what its cap cut, if any
};

MessageTraceRead read_message_trace(const std::filesystem::path& path);

}  // namespace faultline::harness::report
