#pragma once
// A minimal open-addressing map from 64-bit keys to 32-bit values, for the
// search's hot (state, operation) -> state lookup where std::unordered_map's
// node allocation and pointer chasing would dominate.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "checkers/linearizability/json_hash.hpp"

namespace faultline::checkers::lin {

class FlatU64Map {
 public:
  static constexpr std::int32_t kMissing = INT32_MIN;

  FlatU64Map() { slots_.assign(64, Slot{}); }

  std::int32_t find(std::uint64_t key) const {
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = mix64(key) & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (!s.used) return kMissing;
      if (s.key == key) return s.value;
    }
  }

  void insert(std::uint64_t key, std::int32_t value) {
    if ((size_ + 1) * 10 > slots_.size() * 7) grow();
    place(key, value);
  }

  std::size_t bytes() const { return slots_.capacity() * sizeof(Slot); }
  // What `inserts` more inserts may add for a moment: the doubled table,
  // held next to the old one while it is filled.
  std::size_t growth_bytes(std::size_t inserts) const {
    return (size_ + inserts) * 10 > slots_.size() * 7 ? 2 * slots_.size() * sizeof(Slot) : 0;
  }

 private:
  struct Slot {
    std::uint64_t key = 0;
    std::int32_t value = 0;
    bool used = false;
  };

  void place(std::uint64_t key, std::int32_t value) {
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = mix64(key) & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (!s.used) {
        s = Slot{key, value, true};
        ++size_;
        return;
      }
      if (s.key == key) {
        s.value = value;
        return;
      }
    }
  }

  void grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(old.size() * 2, Slot{});
    size_ = 0;
    for (const Slot& s : old)
      if (s.used) place(s.key, s.value);
  }

  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

}  // namespace faultline::checkers::lin
