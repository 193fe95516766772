#pragma once
// Lowe's memo for the WGL search: the set of configurations (linearized ops,
// model state) already explored. Entries live back to back in one arena; the
// table holds 8-byte slots (arena offset + 32-bit hash tag, which also
// picks the slot), so a configuration costs
// about 3 words instead of a cloned bitset and a map node.
//
// A linearized set is stored as two ranges of words (search.cpp): completed
// ops from the word of the first unlinearized one to the last linearized one
// (every op below is linearized, and completed ops must go before they
// return, so this window is narrow), and crashed ops, which may stay pending
// for the whole history, in a space of their own (a word per 64 crashed ops).
#include <cstddef>
#include <cstdint>
#include <vector>

namespace faultline::checkers::lin {

class ConfigCache {
 public:
  ConfigCache();

  // A range of words of the linearized-ops bitset.
  struct Range {
    std::uint32_t base = 0;    // first word
    std::uint32_t nwords = 0;  // words from base
  };

  // Adds (state, words of `a`, words of `b`) unless present; true if added.
  // `hash` must be a function of the configuration only.
  bool insert(std::uint64_t hash, std::int32_t state, const std::uint64_t* bits, Range a, Range b);

  std::size_t size() const { return size_; }
  // Bytes held now: the chunks and the slot table.
  std::size_t bytes() const { return chunk_bytes_ + slots_.capacity() * sizeof(Slot); }
  // Bytes the next insert may add for a moment at most: a new chunk, and when
  // the table is due to double, the new table while the old is still held.
  // The search checks it against the budget before inserting, so the budget
  // holds at the peak, not just between growths.
  std::size_t next_insert_bytes() const {
    const bool doubles = (size_ + 1) * 10 > slots_.size() * 7;
    return kChunkWords * sizeof(std::uint64_t) + (doubles ? 2 * slots_.capacity() * sizeof(Slot) : 0);
  }

 private:
  struct Slot {
    std::uint32_t offset_plus_one = 0;  // 0: empty
    std::uint32_t tag = 0;              // high half of the hash, to skip most compares
  };

  bool matches(std::uint32_t offset, std::uint64_t h0, std::uint64_t h1, const std::uint64_t* bits, Range a,
               Range b) const;
  void grow();

  const std::uint64_t* entry(std::uint32_t offset) const {
    return chunks_[offset >> kChunkShift].data() + (offset & (kChunkWords - 1));
  }

  // Entries ([2 header words][words of a][words of b]) live in chunks of
  // kChunkWords words that never move, so growing never copies the arena
  // (a vector's doubling held 3x its size for a moment). The first chunk
  // grows like a vector up to that size, so small searches stay small.
  static constexpr std::uint32_t kChunkShift = 17;
  static constexpr std::uint32_t kChunkWords = 1u << kChunkShift;  // 1 MiB
  std::vector<Slot> slots_;
  std::vector<std::vector<std::uint64_t>> chunks_;
  std::size_t chunk_bytes_ = 0;
  std::size_t size_ = 0;
};

}  // namespace faultline::checkers::lin
