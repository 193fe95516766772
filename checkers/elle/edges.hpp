#pragma once
// The kinds of edge between transactions in a dependency graph (Adya's, plus
// the orders a client can see), as bits so one edge can carry several.
#include <cstdint>
#include <string_view>

namespace faultline::checkers::elle {

enum EdgeLabel : std::uint8_t {
  kWW = 1,         // write-write: T2 installed the version right after T1's
  kWR = 2,         // write-read: T2 read what T1 wrote
  kRW = 4,         // read-write (anti-dependency): T2 overwrote the version T1 read
  kProcess = 8,    // the same client ran T1, then T2
  kRealtime = 16,  // T1 completed before T2 was invoked
};
inline constexpr std::uint8_t kDataLabels = kWW | kWR | kRW;
inline constexpr std::uint8_t kAllLabels = kDataLabels | kProcess | kRealtime;

// "ww", "wr", "rw", "process", "realtime" for a single label.
std::string_view label_name(std::uint8_t label);

}  // namespace faultline::checkers::elle
