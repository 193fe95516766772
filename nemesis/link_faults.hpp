#pragma once
// The fault state of one directed link: what the network does to every
// message, datagram or byte that crosses it.
#include <cstdint>

#include "nemesis/latency.hpp"

namespace faultline::nemesis {

enum class Ordering { Fifo, Reorder };

// What a TCP connection held by a partition does when the partition heals:
// its held bytes flow (as after a real network blip), or it is reset (as when
// TCP gives up retransmitting).
enum class OnHeal { Resume, Reset };

// Splitting a byte stream into small writes, as a slow or fragmenting path
// would deliver it. Sizes are drawn in [average - variation, average + variation].
struct SliceSpec {
  std::uint32_t average = 0;  // bytes; 0 = no slicing
  std::uint32_t variation = 0;
  Nanos delay{0};  // between two slices
  bool active() const { return average > 0; }
};

// The parameters of the byte-stream fault kinds, as a fault window carries them.
struct StreamParams {
  std::uint64_t rate = 0;           // bandwidth: bytes per second
  std::uint64_t after_bytes = 0;    // reset: bytes let through first
  SliceSpec slice;                  // slice
  OnHeal on_heal = OnHeal::Resume;  // partition, on tcp links
  bool refuse = false;              // partition, on tcp links
};

struct LinkFaults {
  LatencySpec latency;
  double loss = 0;       // probability a message is dropped
  double duplicate = 0;  // probability a message is delivered twice
  Ordering ordering = Ordering::Fifo;
  bool partitioned = false;  // messages: drop everything; TCP: hold bytes and new handshakes

  // Byte-stream faults (TCP links of the proxy plane); message planes ignore them.
  std::uint64_t bandwidth = 0;  // bytes per second, 0 = unlimited
  bool stall = false;           // black hole: bytes are swallowed, the connection stays open
  bool reset = false;           // reset (RST) every connection once reset_after_bytes more bytes crossed
  std::uint64_t reset_after_bytes = 0;
  SliceSpec slice;
  bool down = false;                // refuse new connections, close the existing ones
  OnHeal on_heal = OnHeal::Resume;  // for connections held by `partitioned`
  bool refuse = false;              // `partitioned` refuses new connections instead of holding them
};

}  // namespace faultline::nemesis
