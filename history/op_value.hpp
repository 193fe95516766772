#pragma once
// An op's value whichever way it is held. A long list of integers (a broadcast
// or g-set read: the whole set) is kept packed (Op::packed_value, op.value
// null) so a big history fits in memory; code that reads a value that may be
// such a list goes through these instead of op.value.
#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>

#include "history/op.hpp"
#include "history/packed_ints.hpp"

namespace faultline::history {

// Lists shorter than this stay JSON: packing them saves little.
inline constexpr std::size_t kPackMinElements = 32;

// Moves a completion's value into Op::packed_value if it is a list of at least
// kPackMinElements int64s; returns whether it did.
bool pack_value(Op& op);

// op.value, or the packed list unpacked into `scratch`.
const boost::json::value& value_of(const Op& op, boost::json::value& scratch);
bool value_is_array(const Op& op);
// Elements of an array value (0 for any other value).
std::size_t value_size(const Op& op);

// The elements of an array value (value_is_array), as JSON values, without
// unpacking a packed one. The reference an iterator gives lives until it moves.
class ValueElements {
 public:
  class iterator {
   public:
    const boost::json::value& operator*() const { return array_ ? *array_ : current_; }
    iterator& operator++();
    bool operator!=(const iterator& other) const { return left_ != other.left_; }

   private:
    friend class ValueElements;
    const boost::json::value* array_ = nullptr;  // JSON mode
    const char* pos_ = nullptr;                  // packed mode: the next element's bytes
    boost::json::value current_;
    std::size_t left_ = 0;
  };

  explicit ValueElements(const Op& op) : op_(op) {}
  iterator begin() const;
  iterator end() const { return {}; }

 private:
  const Op& op_;
};

inline ValueElements elements_of(const Op& op) { return ValueElements(op); }

}  // namespace faultline::history
