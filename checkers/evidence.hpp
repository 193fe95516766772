#pragma once
// Building blocks for checker details: ops as evidence, capped lists that keep
// results small for million-op histories, and latency quantiles.
#include <boost/json.hpp>
#include <cstddef>
#include <string>
#include <vector>

#include "history/op.hpp"

namespace faultline::checkers {

// Default number of entries a detail list keeps; the total is always reported.
inline constexpr std::size_t kDetailCap = 32;

// {index, process, time, type, f, value[, node][, error][, final]} — enough to
// find the op in history.jsonl and to see why it is evidence.
boost::json::object op_evidence(const history::Op& op);
// The same without the value, for ops whose value is bulky (a read of a
// 100k-element set): `value-size` gives the array length instead.
boost::json::object op_evidence_brief(const history::Op& op);
// JSON form of a process id: the integer, or "nemesis".
boost::json::value process_json(std::int64_t process);

// A number as JSON, whole ones as integers (100, not Boost.JSON's 1E2).
boost::json::value number_json(double v);

// Keeps the first `cap` entries and counts all of them.
class CappedList {
 public:
  explicit CappedList(std::size_t cap = kDetailCap) : cap_(cap) {}
  // True if the entry would be kept; lets callers skip building evidence that
  // would be thrown away.
  bool wants_more() const { return items_.size() < cap_; }
  void add(boost::json::value item) {
    ++count_;
    if (items_.size() < cap_) items_.push_back(std::move(item));
  }
  void count_only() { ++count_; }
  std::size_t count() const { return count_; }
  bool empty() const { return count_ == 0; }
  const boost::json::array& items() const { return items_; }
  // Writes `<name>-count` and `<name>` (plus `<name>-truncated` when capped).
  void put(boost::json::object& details, const std::string& name) const;

 private:
  std::size_t cap_;
  std::size_t count_ = 0;
  boost::json::array items_;
};

// Quantiles {0, .5, .95, .99, 1} of nanosecond samples, in milliseconds, keyed
// "0", "0.5", "0.95", "0.99", "1" as Jepsen prints them. Empty input gives {}.
// Reorders `samples_ns`.
boost::json::object quantiles_ms(std::vector<std::int64_t>& samples_ns);

}  // namespace faultline::checkers
