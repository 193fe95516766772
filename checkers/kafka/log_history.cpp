#include "checkers/kafka/log_history.hpp"

#include <algorithm>
#include <stdexcept>

#include "history/pairs.hpp"

namespace faultline::checkers::kafka {

namespace json = boost::json;
using history::OpType;

namespace {

[[noreturn]] void bad(const history::Op& op, const std::string& what) {
  throw std::invalid_argument("op " + std::to_string(op.index) + " (" + op.f + "): " + what);
}

// Keys by name, so Maelstrom's string keys meet Jepsen's integers.
json::value key_name(const json::value& k) {
  if (k.is_string()) return k;
  return json::string(json::serialize(k));
}

}  // namespace

LogHistory::LogHistory(const history::History& history) : history_(&history) {
  const auto completion = history::completion_of(history);
  std::vector<std::pair<std::uint32_t, LogOp>> ordered;  // by completion position
  for (std::size_t i = 0; i < history.size(); ++i) {
    const auto& inv = history[i];
    if (inv.type != OpType::Invoke || inv.process == history::kNemesisProcess) continue;
    LogOp op;
    op.process = inv.process;
    if (inv.f == "assign" || inv.f == "subscribe" || inv.f == "crash") {
      op.kind = LogOp::Reset;
      op.position = static_cast<std::uint32_t>(i);
      ordered.emplace_back(static_cast<std::uint32_t>(i), op);
      continue;
    }
    if (inv.f != "send" && inv.f != "poll" && inv.f != "txn") continue;
    const std::int64_t c = completion[i];
    const history::Op* done = c >= 0 ? &history[static_cast<std::size_t>(c)] : nullptr;
    op.type = done ? done->type : OpType::Info;
    op.position = static_cast<std::uint32_t>(done ? c : static_cast<std::int64_t>(i));
    const bool ok = op.type == OpType::Ok;
    const history::Op& shown = ok ? *done : inv;
    const json::array* mops = shown.value.if_array();
    if (!mops)
      bad(shown, "value must be a list of micro-ops like [\"send\", key, msg] or [\"poll\"], got " +
                     json::serialize(shown.value));
    // A txn may mix sends and polls: split it into one op of each.
    LogOp sends = op, polls = op;
    sends.kind = LogOp::Send;
    polls.kind = LogOp::Poll;
    sends.first = static_cast<std::uint32_t>(entries_.size());
    for (const auto& m : *mops) {
      const auto* a = m.if_array();
      if (!a || a->empty() || !(*a)[0].is_string())
        bad(shown, "micro-op " + json::serialize(m) + " is not [f ...]");
      if ((*a)[0].as_string() == "send") add_entry(m, ok, shown);
    }
    sends.count = static_cast<std::uint32_t>(entries_.size()) - sends.first;
    if (sends.count) ordered.emplace_back(op.position, sends);
    if (!ok) continue;  // an unfinished poll shows nothing
    polls.first = static_cast<std::uint32_t>(entries_.size());
    for (const auto& m : *mops)
      if (m.as_array()[0].as_string() == "poll") add_entry(m, true, shown);
    polls.count = static_cast<std::uint32_t>(entries_.size()) - polls.first;
    ordered.emplace_back(op.position, polls);
  }
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  ops_.reserve(ordered.size());
  for (auto& [_, op] : ordered) ops_.push_back(op);

  known_.resize(keys_.size());
  for (const auto& e : entries_)
    if (e.offset != kNoOffset) known_[e.key].push_back(e.offset);
  for (auto& k : known_) {
    std::sort(k.begin(), k.end());
    k.erase(std::unique(k.begin(), k.end()), k.end());
  }
}

void LogHistory::add_entry(const json::value& value, bool completed, const history::Op& shown) {
  const auto& a = value.as_array();
  if (a[0].as_string() == "send") {
    if (a.size() != 3) bad(shown, "send micro-op " + json::serialize(value) + " is not [\"send\", key, msg]");
    Entry e;
    e.key = keys_.intern(key_name(a[1]));
    if (completed) {
      const auto* pair = a[2].if_array();
      if (!pair || pair->size() != 2 || !(*pair)[0].is_int64())
        bad(shown, "completed send " + json::serialize(value) + " is not [\"send\", key, [offset, msg]]");
      e.offset = (*pair)[0].as_int64();
      e.msg = msgs_.intern((*pair)[1]);
    } else {
      e.msg = msgs_.intern(a[2]);
    }
    entries_.push_back(e);
    return;
  }
  if (a.size() < 2 || a[1].is_null()) return;  // [poll] with nothing returned
  const auto* by_key = a[1].if_object();
  if (!by_key)
    bad(shown, "poll micro-op " + json::serialize(value) + " is not [\"poll\", {key: [[offset, msg]...]}]");
  for (const auto& [k, list] : *by_key) {
    const auto* msgs = list.if_array();
    if (!msgs) bad(shown, "poll of key " + std::string(k) + " returned " + json::serialize(list));
    const std::uint32_t key = keys_.intern(json::string(k));
    for (const auto& pair : *msgs) {
      const auto* p = pair.if_array();
      if (!p || p->size() != 2 || !(*p)[0].is_int64())
        bad(shown,
            "poll of key " + std::string(k) + " holds " + json::serialize(pair) + ", not [offset, msg]");
      entries_.push_back({key, msgs_.intern((*p)[1]), (*p)[0].as_int64()});
    }
  }
}

std::string LogHistory::key(std::uint32_t id) const { return std::string(keys_.value(id).as_string()); }

std::size_t LogHistory::known_between(std::uint32_t key, std::int64_t a, std::int64_t b) const {
  const auto& k = known_[key];
  if (b <= a + 1) return 0;
  return static_cast<std::size_t>(std::upper_bound(k.begin(), k.end(), b - 1) -
                                  std::upper_bound(k.begin(), k.end(), a));
}

}  // namespace faultline::checkers::kafka
