#pragma once
// A set of integers kept as sorted, disjoint, non-adjacent closed intervals,
// used for the values a counter may legitimately read: the sums of every
// subset of the indeterminate adds. Merging S ∪ (S + d) keeps it small
// because small deltas fill the gaps quickly; a hard cap bounds the work when
// they don't.
#include <boost/json.hpp>
#include <cstdint>
#include <utility>
#include <vector>

namespace faultline::checkers {

class IntervalSet {
 public:
  using Interval = std::pair<std::int64_t, std::int64_t>;  // [lo, hi]

  // {0}: the sum of the empty subset.
  IntervalSet() : items_{{0, 0}} {}

  // S := S ∪ (S + delta). If that leaves more than `max_intervals` intervals,
  // the narrowest gaps are filled (the set only grows, so a read it rejects
  // is still certainly wrong) and approximate() turns true.
  void add_optional(std::int64_t delta, std::size_t max_intervals = 4096);
  // S := S + delta.
  void shift(std::int64_t delta);

  bool contains(std::int64_t x) const;
  const std::vector<Interval>& intervals() const { return items_; }
  bool approximate() const { return approximate_; }
  // [[lo, hi], ...], the first `cap` intervals.
  boost::json::array to_json(std::size_t cap) const;

 private:
  void coalesce(std::vector<Interval>& v);
  std::vector<Interval> items_;
  bool approximate_ = false;
};

// Throws std::overflow_error instead of wrapping.
std::int64_t checked_add(std::int64_t a, std::int64_t b);

}  // namespace faultline::checkers
