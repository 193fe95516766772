#include "checkers/value_index.hpp"

#include <algorithm>
#include <limits>

namespace faultline::checkers {

namespace json = boost::json;

std::uint32_t ValueIndex::intern(const json::value& v) {
  if (v.is_int64()) {
    const std::int64_t key = v.get_int64();
    if (!dense_.empty() && key >= dense_min_ &&
        static_cast<std::uint64_t>(key - dense_min_) < dense_.size()) {
      std::uint32_t& slot = dense_[static_cast<std::size_t>(key - dense_min_)];
      if (slot == kMissing) {
        slot = static_cast<std::uint32_t>(values_.size());
        values_.push_back(v);
        ints_.try_emplace(key, slot);
      }
      return slot;
    }
    auto [it, inserted] = ints_.try_emplace(key, static_cast<std::uint32_t>(values_.size()));
    if (inserted) values_.push_back(v);
    return it->second;
  }
  auto [it, inserted] = others_.try_emplace(json::serialize(v), static_cast<std::uint32_t>(values_.size()));
  if (inserted) values_.push_back(v);
  return it->second;
}

std::uint32_t ValueIndex::find(const json::value& v) const {
  if (v.is_int64()) {
    const std::int64_t key = v.get_int64();
    if (!dense_.empty()) {
      if (key >= dense_min_ && static_cast<std::uint64_t>(key - dense_min_) < dense_.size())
        return dense_[static_cast<std::size_t>(key - dense_min_)];
    }
    auto it = ints_.find(key);
    return it == ints_.end() ? kMissing : it->second;
  }
  auto it = others_.find(json::serialize(v));
  return it == others_.end() ? kMissing : it->second;
}

void ValueIndex::build_dense() {
  if (ints_.empty()) return;
  std::int64_t lo = std::numeric_limits<std::int64_t>::max();
  std::int64_t hi = std::numeric_limits<std::int64_t>::min();
  for (const auto& [k, id] : ints_) {
    lo = std::min(lo, k);
    hi = std::max(hi, k);
  }
  // Cap the table at ~8 slots per value so sparse ids never blow up memory.
  const auto span = static_cast<unsigned __int128>(static_cast<__int128>(hi) - lo) + 1;
  if (span > 8 * static_cast<unsigned __int128>(ints_.size()) + 1024) return;
  dense_min_ = lo;
  dense_.assign(static_cast<std::size_t>(span), kMissing);
  for (const auto& [k, id] : ints_) dense_[static_cast<std::size_t>(k - lo)] = id;
}

}  // namespace faultline::checkers
