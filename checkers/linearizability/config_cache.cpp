#include "checkers/linearizability/config_cache.hpp"

#include <stdexcept>

namespace faultline::checkers::lin {

namespace {
// Header word: state (32 bits) | base word (20 bits) | word count (12 bits).
constexpr std::uint32_t kMaxBase = (1u << 20) - 1;
constexpr std::uint32_t kMaxWords = (1u << 12) - 1;
}  // namespace

ConfigCache::ConfigCache() { slots_.assign(1024, Slot{}); }

bool ConfigCache::matches(std::uint32_t offset, std::uint64_t header, const std::uint64_t* words,
                          std::uint32_t nwords) const {
  if (arena_[offset] != header) return false;
  const std::uint64_t* stored = arena_.data() + offset + 1;
  for (std::uint32_t i = 0; i < nwords; ++i)
    if (stored[i] != words[i]) return false;
  return true;
}

bool ConfigCache::insert(std::uint64_t hash, std::int32_t state, const std::uint64_t* bits,
                         std::uint32_t base_word, std::uint32_t nwords) {
  if (base_word > kMaxBase || nwords > kMaxWords)
    throw std::length_error(
        "history too long for the configuration cache (over 67 M ops, or a window over 262 k ops)");
  std::uint64_t header = (static_cast<std::uint64_t>(static_cast<std::uint32_t>(state)) << 32) |
                         (static_cast<std::uint64_t>(base_word) << 12) | nwords;
  const std::uint64_t* words = bits + base_word;
  auto tag = static_cast<std::uint32_t>(hash >> 32);
  std::size_t mask = slots_.size() - 1;
  std::size_t i = tag & mask;
  for (;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.offset_plus_one == 0) break;
    if (s.tag == tag && matches(s.offset_plus_one - 1, header, words, nwords)) return false;
  }
  if (arena_.size() + 1 + nwords >= UINT32_MAX)
    throw std::length_error("configuration cache arena exceeds 32 GB");
  auto offset = static_cast<std::uint32_t>(arena_.size());
  arena_.push_back(header);
  arena_.insert(arena_.end(), words, words + nwords);
  slots_[i] = Slot{offset + 1, tag};
  ++size_;
  if (size_ * 10 > slots_.size() * 7) grow();
  return true;
}

void ConfigCache::grow() {
  std::vector<Slot> old;
  old.swap(slots_);
  slots_.assign(old.size() * 2, Slot{});
  std::size_t mask = slots_.size() - 1;
  // The slot position derives from the tag alone, so rehashing needs no
  // stored hashes.
  for (const Slot& s : old) {
    if (s.offset_plus_one == 0) continue;
    std::size_t i = s.tag & mask;
    while (slots_[i].offset_plus_one != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

}  // namespace faultline::checkers::lin
