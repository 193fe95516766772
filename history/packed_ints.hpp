#pragma once
// A list of integers in a few bytes each: every element is the zigzag varint of
// its difference from the one before. Reads of a broadcast or g-set (the whole
// set, in the order the node added it) are mostly small increasing steps, so
// an element costs 1-2 bytes instead of the 16 of a boost::json::value; the
// order and every value round-trip exactly.
#include <boost/json/array.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace faultline::history {

class PackedInts {
 public:
  // nullopt unless every element is a signed 64-bit integer (kind int64).
  static std::optional<PackedInts> pack(const boost::json::array& values);

  boost::json::array unpack() const;
  std::size_t size() const { return count_; }
  // Heap bytes held (the encoded elements), for memory accounting and tests.
  std::size_t bytes() const { return bytes_.capacity(); }
  const std::string& encoded() const { return bytes_; }

  // Decodes one element at `pos` (advanced past it) given the previous one.
  static std::int64_t next(const char*& pos, std::int64_t previous);

 private:
  std::string bytes_;
  std::size_t count_ = 0;
};

}  // namespace faultline::history
