#pragma once
// A kafka-style history in flat form: every send and every message a poll
// returned, with keys and messages interned, plus each key's known offsets.
//
// Jepsen's (and Maelstrom's) shapes: f send|poll|txn with value a list of
// micro-ops, [send k msg] completing as [send k [offset msg]] and [poll]
// completing as [poll {k [[offset msg]...]}]; f assign, subscribe or crash
// starts a consumer afresh. Keys compare by name: 3 and "3" are one key
// (Maelstrom sends string keys for the integers in its history).
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "checkers/value_index.hpp"
#include "history/op.hpp"

namespace faultline::checkers::kafka {

inline constexpr std::int64_t kNoOffset = -1;

struct Entry {
  std::uint32_t key = 0;
  std::uint32_t msg = 0;
  std::int64_t offset = kNoOffset;
};

// One op, in history order of its completion (resets at their invoke).
struct LogOp {
  enum Kind : std::uint8_t { Send, Poll, Reset } kind = Send;
  history::OpType type = history::OpType::Ok;  // send: ok, info or fail
  std::int64_t process = 0;
  std::uint32_t position = 0;          // the op shown as evidence (completion, or invoke)
  std::uint32_t first = 0, count = 0;  // its entries
};

class LogHistory {
 public:
  // Throws std::invalid_argument naming the op whose value is malformed.
  explicit LogHistory(const history::History& history);

  const history::History& history() const { return *history_; }
  const std::vector<LogOp>& ops() const { return ops_; }
  std::span<const Entry> entries(const LogOp& op) const { return {entries_.data() + op.first, op.count}; }
  std::size_t key_count() const { return keys_.size(); }
  std::string key(std::uint32_t id) const;
  const boost::json::value& msg(std::uint32_t id) const { return msgs_.value(id); }
  std::size_t msg_count() const { return msgs_.size(); }
  // How many offsets that some send_ok or poll showed for the key lie
  // strictly between a and b.
  std::size_t known_between(std::uint32_t key, std::int64_t a, std::int64_t b) const;

 private:
  // Appends the entries of one send or poll micro-op.
  void add_entry(const boost::json::value& value, bool completed, const history::Op& shown);

  const history::History* history_;
  std::vector<LogOp> ops_;
  std::vector<Entry> entries_;
  ValueIndex keys_, msgs_;
  std::vector<std::vector<std::int64_t>> known_;
};

}  // namespace faultline::checkers::kafka
