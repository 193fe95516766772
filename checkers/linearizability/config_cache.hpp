#pragma once
// Lowe's memo for the WGL search: the set of configurations (linearized ops,
// model state) already explored. Entries live back to back in one arena; the
// table holds 8-byte slots (arena offset + 32-bit hash tag, which also
// picks the slot), so a configuration costs
// about 3 words instead of a cloned bitset and a map node.
//
// A linearized set is stored relative to its first unlinearized op k: every op
// below k is linearized, so only the words from k/64 to the last linearized op
// are kept. Histories are long but windows are narrow, so entries stay small.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace faultline::checkers::lin {

class ConfigCache {
 public:
  ConfigCache();

  // Adds (state, words[base, base + nwords)) unless present; true if added.
  // `hash` must be a function of the configuration only.
  bool insert(std::uint64_t hash, std::int32_t state, const std::uint64_t* bits, std::uint32_t base_word,
              std::uint32_t nwords);

  std::size_t size() const { return size_; }
  std::size_t bytes() const {
    return slots_.capacity() * sizeof(Slot) + arena_.capacity() * sizeof(std::uint64_t);
  }

 private:
  struct Slot {
    std::uint32_t offset_plus_one = 0;  // 0: empty
    std::uint32_t tag = 0;              // high half of the hash, to skip most compares
  };

  bool matches(std::uint32_t offset, std::uint64_t header, const std::uint64_t* words,
               std::uint32_t nwords) const;
  void grow();

  std::vector<Slot> slots_;
  std::vector<std::uint64_t> arena_;  // [header][words...] per entry
  std::size_t size_ = 0;
};

}  // namespace faultline::checkers::lin
