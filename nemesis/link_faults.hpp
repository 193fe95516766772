#pragma once
// The fault state of one directed link: what the network does to every
// message that crosses it.
#include "nemesis/latency.hpp"

namespace faultline::nemesis {

enum class Ordering { Fifo, Reorder };

struct LinkFaults {
  LatencySpec latency;
  double loss = 0;       // probability a message is dropped
  double duplicate = 0;  // probability a message is delivered twice
  Ordering ordering = Ordering::Fifo;
  bool partitioned = false;  // drop everything while set
};

}  // namespace faultline::nemesis
