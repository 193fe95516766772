#pragma once
// Every random choice of a run derives from the scenario seed through a named
// substream, so adding a new consumer never shifts the draws of another.
#include <cstdint>
#include <random>
#include <string_view>

namespace faultline::history {

inline std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

inline std::uint64_t derive_seed(std::uint64_t seed, std::string_view stream) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a of the stream name
  for (unsigned char c : stream) h = (h ^ c) * 1099511628211ULL;
  return splitmix64(seed ^ splitmix64(h));
}

using Rng = std::mt19937_64;

inline Rng make_rng(std::uint64_t seed, std::string_view stream) { return Rng(derive_seed(seed, stream)); }

}  // namespace faultline::history
