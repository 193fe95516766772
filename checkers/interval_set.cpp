#include "checkers/interval_set.hpp"

#include <algorithm>
#include <stdexcept>

namespace faultline::checkers {

std::int64_t checked_add(std::int64_t a, std::int64_t b) {
  std::int64_t out;
  if (__builtin_add_overflow(a, b, &out)) throw std::overflow_error("counter sum overflows 64 bits");
  return out;
}

void IntervalSet::coalesce(std::vector<Interval>& v) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    // Integers: [1,3] and [4,6] are one interval.
    if (w > 0 && v[i].first <= v[w - 1].second + 1) {
      v[w - 1].second = std::max(v[w - 1].second, v[i].second);
    } else {
      v[w++] = v[i];
    }
  }
  v.resize(w);
}

void IntervalSet::add_optional(std::int64_t delta, std::size_t max_intervals) {
  if (delta == 0) return;
  std::vector<Interval> shifted;
  shifted.reserve(items_.size());
  for (const auto& [lo, hi] : items_) shifted.emplace_back(checked_add(lo, delta), checked_add(hi, delta));
  std::vector<Interval> merged;
  merged.reserve(items_.size() * 2);
  std::merge(items_.begin(), items_.end(), shifted.begin(), shifted.end(), std::back_inserter(merged));
  coalesce(merged);
  if (merged.size() > max_intervals) {
    // Fill the narrowest gaps until we are back under the cap.
    std::vector<std::int64_t> gaps;
    for (std::size_t i = 1; i < merged.size(); ++i) gaps.push_back(merged[i].first - merged[i - 1].second);
    const std::size_t excess = merged.size() - max_intervals;
    std::nth_element(gaps.begin(), gaps.begin() + static_cast<std::ptrdiff_t>(excess - 1), gaps.end());
    const std::int64_t threshold = gaps[excess - 1];
    std::vector<Interval> out;
    out.push_back(merged[0]);
    for (std::size_t i = 1; i < merged.size(); ++i) {
      if (merged[i].first - out.back().second <= threshold)
        out.back().second = merged[i].second;
      else
        out.push_back(merged[i]);
    }
    merged = std::move(out);
    approximate_ = true;
  }
  items_ = std::move(merged);
}

void IntervalSet::shift(std::int64_t delta) {
  for (auto& [lo, hi] : items_) {
    lo = checked_add(lo, delta);
    hi = checked_add(hi, delta);
  }
}

bool IntervalSet::contains(std::int64_t x) const {
  auto it = std::upper_bound(items_.begin(), items_.end(), x,
                             [](std::int64_t v, const Interval& iv) { return v < iv.first; });
  if (it == items_.begin()) return false;
  --it;
  return x <= it->second;
}

boost::json::array IntervalSet::to_json(std::size_t cap) const {
  boost::json::array out;
  for (std::size_t i = 0; i < items_.size() && i < cap; ++i)
    out.push_back(boost::json::array{items_[i].first, items_[i].second});
  return out;
}

}  // namespace faultline::checkers
