#include "history/packed_ints.hpp"

namespace faultline::history {

namespace json = boost::json;

namespace {

// Unsigned arithmetic: the difference of any two int64 wraps instead of overflowing.
std::uint64_t zigzag(std::int64_t previous, std::int64_t v) {
  const auto d =
      static_cast<std::int64_t>(static_cast<std::uint64_t>(v) - static_cast<std::uint64_t>(previous));
  return (static_cast<std::uint64_t>(d) << 1) ^ static_cast<std::uint64_t>(d >> 63);
}

}  // namespace

std::optional<PackedInts> PackedInts::pack(const json::array& values) {
  PackedInts out;
  out.bytes_.reserve(values.size() + values.size() / 4);
  std::int64_t previous = 0;
  for (const json::value& v : values) {
    const std::int64_t* i = v.if_int64();
    if (!i) return std::nullopt;
    for (std::uint64_t z = zigzag(previous, *i);; z >>= 7) {
      if (z < 0x80) {
        out.bytes_.push_back(static_cast<char>(z));
        break;
      }
      out.bytes_.push_back(static_cast<char>((z & 0x7f) | 0x80));
    }
    previous = *i;
  }
  out.count_ = values.size();
  out.bytes_.shrink_to_fit();
  return out;
}

std::int64_t PackedInts::next(const char*& pos, std::int64_t previous) {
  std::uint64_t z = 0;
  for (int shift = 0;; shift += 7) {
    const auto byte = static_cast<unsigned char>(*pos++);
    z |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
    if (byte < 0x80) break;
  }
  const std::uint64_t d = (z >> 1) ^ (~(z & 1) + 1);
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(previous) + d);
}

json::array PackedInts::unpack() const {
  json::array out;
  out.reserve(count_);
  const char* pos = bytes_.data();
  std::int64_t v = 0;
  for (std::size_t k = 0; k < count_; ++k) out.emplace_back(v = next(pos, v));
  return out;
}

}  // namespace faultline::history
