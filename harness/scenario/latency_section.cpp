// A latency: `5ms`, or {distribution, mean, jitter, shape}. Used by `network`
// and by latency faults.
#include "harness/scenario/readers.hpp"
#include "harness/scenario/sections.hpp"

namespace faultline::harness {

namespace {
const std::vector<std::string> kDistributions = {"constant", "uniform", "normal", "exponential", "pareto"};
}

std::optional<nemesis::LatencySpec> parse_latency(const DocNode& node, const std::string& path,
                                                  Diagnostics& diag) {
  nemesis::LatencySpec spec;
  if (node.is_scalar()) {
    auto mean = read_duration(node, path, diag);
    if (!mean) return std::nullopt;
    spec.mean = *mean;
    return spec;
  }
  if (!node.is_map()) {
    diag.error(
        node.loc, path + " must be a duration or a map, got " + node.describe(),
        "5ms, or {distribution: " + join(kDistributions, "|") + ", mean: 5ms, jitter: 2ms, shape: 2.5}");
    return std::nullopt;
  }
  MapView map(node, path, {"distribution", "mean", "jitter", "shape"}, diag);
  const std::size_t errors_before = diag.error_count();
  std::string distribution = "constant";
  if (const DocNode* d = map.get("distribution")) {
    if (auto name = read_enum(*d, map.path_of("distribution"), kDistributions, diag)) distribution = *name;
  }
  spec.distribution = nemesis::distribution_from_name(distribution);
  if (const DocNode* mean = map.require("mean")) {
    if (auto d = read_duration(*mean, map.path_of("mean"), diag)) spec.mean = *d;
  }
  if (const DocNode* jitter = map.get("jitter")) {
    if (distribution != "uniform" && distribution != "normal") {
      diag.error(jitter->loc, map.path_of("jitter") + " has no meaning for a " + distribution + " latency",
                 "jitter with distribution uniform (mean ± jitter) or normal (standard deviation)");
    } else if (auto d = read_duration(*jitter, map.path_of("jitter"), diag)) {
      spec.jitter = *d;
    }
  }
  if (const DocNode* shape = map.get("shape")) {
    if (distribution != "pareto") {
      diag.error(shape->loc, map.path_of("shape") + " has no meaning for a " + distribution + " latency",
                 "shape with distribution pareto");
    } else if (auto a = read_number(*shape, map.path_of("shape"), 1.0001, 1e6, diag)) {
      // Pareto's mean is infinite for shape <= 1; we scale by the mean.
      spec.pareto_shape = *a;
    }
  }
  if (diag.error_count() != errors_before) return std::nullopt;
  return spec;
}

}  // namespace faultline::harness
