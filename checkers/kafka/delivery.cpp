#include "checkers/kafka/delivery.hpp"

#include <algorithm>
#include <map>

namespace faultline::checkers::kafka {

namespace json = boost::json;
using history::OpType;

namespace {

constexpr std::size_t kMessagesPerKey = 8;

std::string text(const json::value& v) {
  return v.is_string() ? std::string(v.get_string()) : json::serialize(v);
}

struct MsgState {
  std::uint32_t sends = 0, failed = 0;
  std::int64_t acked_offset = kNoOffset;  // from a send_ok
  std::uint32_t send_op = 0;              // position of a send of it
  std::uint32_t poll_op = 0;              // position of a poll that returned it
  bool polled = false;
};

}  // namespace

json::object check_delivery(const LogHistory& log, ErrorLog& errors) {
  const auto& h = log.history();
  auto op = [&](std::uint32_t pos) { return op_evidence_brief(h[pos]); };
  // (key, msg) -> state, and key -> offset -> msgs seen there.
  std::map<std::pair<std::uint32_t, std::uint32_t>, MsgState> msgs;
  std::vector<std::map<std::int64_t, std::vector<std::pair<std::uint32_t, std::uint32_t>>>> at(
      log.key_count());
  std::vector<std::int64_t> highest_polled(log.key_count(), kNoOffset);
  for (const auto& o : log.ops()) {
    if (o.kind == LogOp::Reset) continue;
    for (const Entry& e : log.entries(o)) {
      MsgState& m = msgs[{e.key, e.msg}];
      if (o.kind == LogOp::Send) {
        ++m.sends;
        m.failed += o.type == OpType::Fail;
        m.send_op = o.position;
        if (o.type == OpType::Ok) m.acked_offset = e.offset;
      } else {
        if (!m.polled) m.poll_op = o.position;
        m.polled = true;
        highest_polled[e.key] = std::max(highest_polled[e.key], e.offset);
      }
      if (e.offset == kNoOffset) continue;
      auto& seen = at[e.key][e.offset];
      if (std::none_of(seen.begin(), seen.end(), [&](const auto& s) { return s.first == e.msg; }))
        seen.emplace_back(e.msg, o.position);
    }
  }

  for (std::uint32_t key = 0; key < at.size(); ++key) {
    std::map<std::uint32_t, std::vector<std::int64_t>> offsets_of;  // msg -> offsets
    for (const auto& entry : at[key]) {
      const std::int64_t offset = entry.first;
      const auto& seen = entry.second;
      for (const auto& s : seen) offsets_of[s.first].push_back(offset);
      if (seen.size() < 2) continue;
      errors.report("inconsistent-offsets", [&] {
        json::array values, ops;
        std::string held;
        for (const auto& [msg, pos] : seen) {
          values.push_back(log.msg(msg));
          ops.push_back(op(pos));
          held += (held.empty() ? "" : " and ") + text(log.msg(msg)) + " (op " +
                  std::to_string(h[pos].index) + ")";
        }
        return json::object{
            {"key", log.key(key)},
            {"offset", offset},
            {"values", values},
            {"ops", ops},
            {"because", "offset " + std::to_string(offset) + " of key " + log.key(key) + " holds " + held}};
      });
    }
    for (const auto& [msg, offsets] : offsets_of)
      if (offsets.size() > 1)
        errors.report("duplicate", [&, msg = msg, &offsets = offsets] {
          std::string at;
          for (auto o : offsets) at += (at.empty() ? "" : ", ") + std::to_string(o);
          return json::object{{"key", log.key(key)},
                              {"value", log.msg(msg)},
                              {"offsets", json::value_from(offsets)},
                              {"because", "message " + text(log.msg(msg)) + " of key " + log.key(key) +
                                              " is at offsets " + at}};
        });
  }

  json::object unseen_count, unseen_msgs;
  for (const auto& [id, m] : msgs) {
    const auto [key, msg] = id;
    if (m.polled && m.sends > 0 && m.failed == m.sends)
      errors.report("G1a", [&, key = key, msg = msg, &m = m] {
        return json::object{
            {"key", log.key(key)},
            {"value", log.msg(msg)},
            {"send", op(m.send_op)},
            {"poll", op(m.poll_op)},
            {"because", "op " + std::to_string(h[m.poll_op].index) + " polled message " + text(log.msg(msg)) +
                            " of key " + log.key(key) + ", whose send failed (op " +
                            std::to_string(h[m.send_op].index) + ")"}};
      });
    if (m.polled || m.acked_offset == kNoOffset) continue;
    if (m.acked_offset < highest_polled[key]) {
      errors.report("lost-write", [&, key = key, msg = msg, &m = m] {
        return json::object{{"key", log.key(key)},
                            {"value", log.msg(msg)},
                            {"offset", m.acked_offset},
                            {"highest-polled-offset", highest_polled[key]},
                            {"send", op(m.send_op)},
                            {"because", "message " + text(log.msg(msg)) + " to key " + log.key(key) +
                                            " was acknowledged at offset " + std::to_string(m.acked_offset) +
                                            " (op " + std::to_string(h[m.send_op].index) +
                                            ") and never polled, though polls read up to offset " +
                                            std::to_string(highest_polled[key])}};
      });
      continue;
    }
    const std::string k = log.key(key);
    auto& n = unseen_count[k];
    n = (n.is_int64() ? n.as_int64() : 0) + 1;
    auto& list = unseen_msgs[k];
    if (!list.is_array()) list = json::array{};
    if (list.as_array().size() < kMessagesPerKey) list.as_array().push_back(log.msg(msg));
  }
  if (unseen_count.empty()) return {};
  return json::object{{"unseen", std::move(unseen_count)}, {"messages", std::move(unseen_msgs)}};
}

}  // namespace faultline::checkers::kafka
