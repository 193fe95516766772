#include "checkers/kafka/ordering.hpp"

#include <map>
#include <unordered_map>

namespace faultline::checkers::kafka {

namespace json = boost::json;
using history::OpType;

namespace {

struct Last {
  std::int64_t offset;
  std::uint32_t op;  // position of the op it came from
};

struct Client {
  std::map<std::uint32_t, Last> polled;  // key -> where its last poll ended
  std::map<std::uint32_t, Last> sent;    // key -> its last acknowledged send
};

}  // namespace

void check_ordering(const LogHistory& log, ErrorLog& errors) {
  const auto& h = log.history();
  std::unordered_map<std::int64_t, Client> clients;
  // prefix: "" between ops, "int-" inside one; `what`: poll or send.
  auto judge = [&](const char* prefix, const char* what, std::uint32_t key, Last before, std::int64_t offset,
                   std::uint32_t op, std::int64_t process) {
    // Other clients' sends come between one client's, so only a poll (or
    // one op's own sends) can skip.
    const bool may_skip = std::string_view(what) == "poll" || *prefix;
    std::string type;
    std::size_t skipped = 0;
    if (offset <= before.offset)
      type = std::string(prefix) + "nonmonotonic-" + what;
    else if (may_skip && (skipped = log.known_between(key, before.offset, offset)) > 0)
      type = std::string(prefix) + what + "-skip";
    else
      return;
    errors.report(type, [&] {
      json::object e{
          {"process", process}, {"key", log.key(key)}, {"from-offset", before.offset}, {"to-offset", offset}};
      if (skipped) e["skipped-offsets"] = skipped;
      const bool poll = std::string_view(what) == "poll";
      e["because"] = "process " + std::to_string(process) + (poll ? " polled key " : " sent to key ") +
                     log.key(key) + (poll ? " up to offset " : " at offset ") +
                     std::to_string(before.offset) + " (op " + std::to_string(h[before.op].index) +
                     "), then " + (poll ? "from offset " : "at offset ") + std::to_string(offset) + " (op " +
                     std::to_string(h[op].index) + ")" +
                     (skipped ? ", skipping " + std::to_string(skipped) + " known offsets" : std::string());
      json::array ops;
      if (before.op != op) ops.push_back(op_evidence_brief(h[before.op]));
      ops.push_back(op_evidence_brief(h[op]));
      e["ops"] = std::move(ops);
      return e;
    });
  };

  for (const LogOp& o : log.ops()) {
    Client& c = clients[o.process];
    if (o.kind == LogOp::Reset) {
      c.polled.clear();
      continue;
    }
    if (o.kind == LogOp::Send && o.type != OpType::Ok) continue;
    auto& last = o.kind == LogOp::Poll ? c.polled : c.sent;
    const char* what = o.kind == LogOp::Poll ? "poll" : "send";
    std::map<std::uint32_t, Last> within;  // key -> the previous entry in this op
    for (const Entry& e : log.entries(o)) {
      if (auto it = within.find(e.key); it != within.end())
        judge("int-", what, e.key, it->second, e.offset, o.position, o.process);
      else if (auto prev = last.find(e.key); prev != last.end())
        judge("", what, e.key, prev->second, e.offset, o.position, o.process);
      within[e.key] = {e.offset, o.position};
    }
    for (const auto& [key, l] : within) last[key] = l;
  }
}

}  // namespace faultline::checkers::kafka
