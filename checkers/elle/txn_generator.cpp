#include "checkers/elle/txn_generator.hpp"

#include <algorithm>
#include <random>

namespace faultline::checkers::elle {

TxnGenerator::TxnGenerator(TxnGeneratorOptions options) : options_(options) {
  options_.key_count = std::max(1, options_.key_count);
  options_.min_length = std::max(1, options_.min_length);
  options_.max_length = std::max(options_.min_length, options_.max_length);
  options_.max_writes_per_key = std::max(1, options_.max_writes_per_key);
  for (int i = 0; i < options_.key_count; ++i) active_.push_back(next_key_++);
  written_.assign(active_.size(), 0);
}

std::size_t TxnGenerator::pick_slot(history::Rng& rng) {
  // Slot i with probability 2^-(i+1), the remainder to the last slot.
  std::size_t slot = 0;
  while (slot + 1 < active_.size() && (rng() & 1)) ++slot;
  return slot;
}

boost::json::array TxnGenerator::next(history::Rng& rng) {
  const int length = std::uniform_int_distribution<int>(options_.min_length, options_.max_length)(rng);
  boost::json::array txn;
  txn.reserve(static_cast<std::size_t>(length));
  for (int i = 0; i < length; ++i) {
    const std::size_t slot = pick_slot(rng);
    if (rng() & 1) {
      txn.push_back(boost::json::array{"r", active_[slot], nullptr});
      continue;
    }
    const int value = ++written_[slot];
    txn.push_back(boost::json::array{options_.append ? "append" : "w", active_[slot], value});
    if (value >= options_.max_writes_per_key) {
      active_[slot] = next_key_++;
      written_[slot] = 0;
    }
  }
  return txn;
}

}  // namespace faultline::checkers::elle
