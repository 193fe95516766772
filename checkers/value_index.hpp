#pragma once
// Interns JSON values (set elements, queue messages, ids) as dense integers so
// checkers can keep per-value state in flat arrays. Integers — the common case
// — skip serialisation, and a dense run of integers (0, 1, 2, ... as the
// broadcast and g-set generators produce) is looked up by direct indexing.
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace faultline::checkers {

class ValueIndex {
 public:
  static constexpr std::uint32_t kMissing = 0xffffffffu;

  // The id of `v`, assigning the next one if it is new.
  std::uint32_t intern(const boost::json::value& v);
  // The id of `v`, or kMissing.
  std::uint32_t find(const boost::json::value& v) const;
  std::size_t size() const { return values_.size(); }
  const boost::json::value& value(std::uint32_t id) const { return values_[id]; }

  // Switches integer lookups to a flat table when the interned integers span a
  // range not much larger than their count. Call after the bulk of interning;
  // later interns still work.
  void build_dense();

 private:
  std::vector<boost::json::value> values_;
  std::unordered_map<std::int64_t, std::uint32_t> ints_;
  std::unordered_map<std::string, std::uint32_t> others_;
  std::int64_t dense_min_ = 0;
  std::vector<std::uint32_t> dense_;  // id by (value - dense_min_), or kMissing
};

}  // namespace faultline::checkers
