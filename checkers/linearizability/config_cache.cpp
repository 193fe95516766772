#include "checkers/linearizability/config_cache.hpp"

#include <stdexcept>

namespace faultline::checkers::lin {

namespace {
// Header words: state (32 bits) | words of a (16) | words of b (16), then
// base of a (32) | base of b (32).
constexpr std::uint32_t kMaxWords = (1u << 16) - 1;

bool equal_words(const std::uint64_t* x, const std::uint64_t* y, std::uint32_t n) {
  for (std::uint32_t i = 0; i < n; ++i)
    if (x[i] != y[i]) return false;
  return true;
}
}  // namespace

ConfigCache::ConfigCache() {
  slots_.assign(1024, Slot{});
  chunks_.emplace_back();
}

bool ConfigCache::matches(std::uint32_t offset, std::uint64_t h0, std::uint64_t h1, const std::uint64_t* bits,
                          Range a, Range b) const {
  const std::uint64_t* stored = entry(offset);
  return stored[0] == h0 && stored[1] == h1 && equal_words(stored + 2, bits + a.base, a.nwords) &&
         equal_words(stored + 2 + a.nwords, bits + b.base, b.nwords);
}

bool ConfigCache::insert(std::uint64_t hash, std::int32_t state, const std::uint64_t* bits, Range a,
                         Range b) {
  if (a.nwords > kMaxWords || b.nwords > kMaxWords)
    throw std::length_error(
        "history too wide for the configuration cache (over 4 M ops pending at once, or 4 M crashed ops)");
  const std::uint64_t h0 = (static_cast<std::uint64_t>(static_cast<std::uint32_t>(state)) << 32) |
                           (static_cast<std::uint64_t>(a.nwords) << 16) | b.nwords;
  const std::uint64_t h1 = (static_cast<std::uint64_t>(a.base) << 32) | b.base;
  auto tag = static_cast<std::uint32_t>(hash >> 32);
  std::size_t mask = slots_.size() - 1;
  std::size_t i = tag & mask;
  for (;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.offset_plus_one == 0) break;
    if (s.tag == tag && matches(s.offset_plus_one - 1, h0, h1, bits, a, b)) return false;
  }
  const std::size_t words = 2 + static_cast<std::size_t>(a.nwords) + b.nwords;  // at most kChunkWords
  if (chunks_.back().size() + words > kChunkWords) {
    if (chunks_.size() >= (1u << (32 - kChunkShift)) - 1)
      throw std::length_error("configuration cache exceeds 32 GB");
    chunks_.emplace_back();
    chunks_.back().reserve(kChunkWords);
    chunk_bytes_ += kChunkWords * sizeof(std::uint64_t);
  }
  std::vector<std::uint64_t>& chunk = chunks_.back();
  if (chunks_.size() == 1) chunk_bytes_ -= chunk.capacity() * sizeof(std::uint64_t);
  auto offset = static_cast<std::uint32_t>(((chunks_.size() - 1) << kChunkShift) | chunk.size());
  chunk.push_back(h0);
  chunk.push_back(h1);
  chunk.insert(chunk.end(), bits + a.base, bits + a.base + a.nwords);
  chunk.insert(chunk.end(), bits + b.base, bits + b.base + b.nwords);
  if (chunks_.size() == 1) chunk_bytes_ += chunk.capacity() * sizeof(std::uint64_t);
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
