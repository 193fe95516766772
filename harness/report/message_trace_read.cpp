#include "harness/report/message_trace_read.hpp"

#include <boost/json.hpp>
#include <fstream>
#include <unordered_map>

#include "harness/report/html.hpp"

namespace faultline::harness::report {

namespace json = boost::json;

namespace {

std::string string_of(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (!v) return {};
  if (v->is_string()) return std::string(v->get_string());
  return json::serialize(*v);
}

std::int64_t int_of(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (v && v->is_int64()) return v->get_int64();
  if (v && v->is_uint64()) return static_cast<std::int64_t>(v->get_uint64());
  return -1;
}

}  // namespace

MessageTraceRead read_message_trace(const std::filesystem::path& path) {
  MessageTraceRead out;
  std::ifstream in(path, std::ios::binary);
  std::unordered_map<std::int64_t, std::size_t> by_id;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    boost::system::error_code ec;
    const json::value v = json::parse(line, ec);
    if (ec) {
      ++out.bad_lines;
      continue;
    }
    const json::object* o = v.if_object();
    if (!o) {
      ++out.bad_lines;
      continue;
    }
    const std::string event = string_of(*o, "event");
    if (event == "cut") {
      out.cut_note = string_of(*o, "why") + " (" + string_of(*o, "events") + " events)";
      continue;
    }
    const std::int64_t id = int_of(*o, "id");
    const std::int64_t t = int_of(*o, "t");
    if (id < 0 || t < 0) {
      ++out.bad_lines;
      continue;
    }
    if (event == "send") {
      by_id[id] = out.messages.size();
      TracedMessage m;
      m.id = id;
      m.src = string_of(*o, "src");
      m.dst = string_of(*o, "dst");
      m.as = string_of(*o, "as");
      m.type = string_of(*o, "type");
      if (const json::value* body = o->if_contains("body"))
        m.body = json_preview(*body, 600);
      else
        m.body = string_of(*o, "body_text") + "… (" + string_of(*o, "body_bytes") + " bytes)";
      m.sent_ns = t;
      out.messages.push_back(std::move(m));
      continue;
    }
    auto it = by_id.find(id);
    if (it == by_id.end()) continue;  // its send was cut or torn
    TracedMessage& m = out.messages[it->second];
    if (event == "deliver") {
      m.delivered_ns.push_back(t);
    } else if (event == "drop") {
      m.dropped_ns = t;
      m.drop_why = string_of(*o, "why");
    } else if (event == "duplicate") {
      m.duplicated = true;
    }
  }
  return out;
}

}  // namespace faultline::harness::report
