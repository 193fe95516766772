#include "nemesis/latency.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>
#include <string>

namespace faultline::nemesis {

std::string_view distribution_name(LatencyDistribution d) {
  switch (d) {
    case LatencyDistribution::Constant:
      return "constant";
    case LatencyDistribution::Uniform:
      return "uniform";
    case LatencyDistribution::Normal:
      return "normal";
    case LatencyDistribution::Exponential:
      return "exponential";
    case LatencyDistribution::Pareto:
      return "pareto";
  }
  return "constant";
}

LatencyDistribution distribution_from_name(std::string_view name) {
  for (auto d : {LatencyDistribution::Constant, LatencyDistribution::Uniform, LatencyDistribution::Normal,
                 LatencyDistribution::Exponential, LatencyDistribution::Pareto}) {
    if (distribution_name(d) == name) return d;
  }
  throw std::invalid_argument("unknown latency distribution '" + std::string(name) +
                              "' (allowed: constant, uniform, normal, exponential, pareto)");
}

Nanos draw_latency(const LatencySpec& spec, history::Rng& rng) {
  const double mean = static_cast<double>(spec.mean.count());
  if (mean <= 0 && spec.distribution != LatencyDistribution::Uniform) return Nanos{0};
  double ns = 0;
  switch (spec.distribution) {
    case LatencyDistribution::Constant:
      ns = mean;
      break;
    case LatencyDistribution::Uniform: {
      const double jitter = static_cast<double>(spec.jitter.count());
      const double lo = jitter > 0 ? mean - jitter : 0;
      const double hi = jitter > 0 ? mean + jitter : 2 * mean;
      if (hi <= lo) return Nanos{static_cast<std::int64_t>(std::max(0.0, lo))};
      ns = std::uniform_real_distribution<double>(lo, hi)(rng);
      break;
    }
    case LatencyDistribution::Normal: {
      const double sd = static_cast<double>(spec.jitter.count());
      ns = sd > 0 ? std::normal_distribution<double>(mean, sd)(rng) : mean;
      break;
    }
    case LatencyDistribution::Exponential:
      ns = std::exponential_distribution<double>(1.0 / mean)(rng);
      break;
    case LatencyDistribution::Pareto: {
      // Scale chosen so the distribution's mean is `mean`: xm = mean (a-1)/a.
      const double a = std::max(spec.pareto_shape, 1.0001);
      const double xm = mean * (a - 1) / a;
      const double u = std::uniform_real_distribution<double>(0.0, 1.0)(rng);
      ns = xm / std::pow(1.0 - u, 1.0 / a);
      break;
    }
  }
  // Heavy tails must not stall a run forever: cap at 1000x the mean.
  ns = std::clamp(ns, 0.0, std::max(mean, 1.0) * 1000.0);
  return Nanos{static_cast<std::int64_t>(ns)};
}

}  // namespace faultline::nemesis
