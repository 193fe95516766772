#pragma once
// A hash over JSON values consistent with boost::json's operator== (integers
// compare by numeric value across int64/uint64; objects are unordered), used to
// intern model states, operations and partition keys.
#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>

namespace faultline::checkers::lin {

std::size_t json_hash(const boost::json::value& v);

// Strict weak order over JSON values, used to keep set states canonical.
bool json_less(const boost::json::value& a, const boost::json::value& b);

inline std::uint64_t mix64(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  return x ^ (x >> 33);
}

struct JsonHash {
  std::size_t operator()(const boost::json::value& v) const { return json_hash(v); }
};

}  // namespace faultline::checkers::lin
