#pragma once
// Link latency: a distribution drawn per message from a seeded stream.
#include <chrono>
#include <string>
#include <string_view>

#include "history/seed.hpp"

namespace faultline::nemesis {

using Nanos = std::chrono::nanoseconds;

enum class LatencyDistribution { Constant, Uniform, Normal, Exponential, Pareto };

struct LatencySpec {
  LatencyDistribution distribution = LatencyDistribution::Constant;
  Nanos mean{0};
  // uniform: [mean - jitter, mean + jitter] (jitter 0 means [0, 2*mean), as
  // Maelstrom); normal: standard deviation; pareto: unused (shape below).
  Nanos jitter{0};
  double pareto_shape = 2.0;  // > 1 so the mean exists
};

std::string_view distribution_name(LatencyDistribution d);
// Throws std::invalid_argument naming the allowed values.
LatencyDistribution distribution_from_name(std::string_view name);

// Never negative; mean 0 always gives 0 (Maelstrom divides by zero there).
Nanos draw_latency(const LatencySpec& spec, history::Rng& rng);

}  // namespace faultline::nemesis
