#include <catch2/catch.hpp>

#include "nemesis/latency.hpp"

using namespace faultline;
using namespace faultline::nemesis;
using namespace std::chrono_literals;

namespace {

struct Summary {
  double mean_ns = 0;
  Nanos min = Nanos::max();
  Nanos max = Nanos::min();
};

Summary draw_many(const LatencySpec& spec, int n, std::uint64_t seed = 1) {
  auto rng = history::make_rng(seed, "latency-test");
  Summary s;
  double sum = 0;
  for (int i = 0; i < n; ++i) {
    const Nanos d = draw_latency(spec, rng);
    sum += static_cast<double>(d.count());
    s.min = std::min(s.min, d);
    s.max = std::max(s.max, d);
  }
  s.mean_ns = sum / n;
  return s;
}

LatencySpec spec(LatencyDistribution d, Nanos mean, Nanos jitter = 0ns) {
  LatencySpec s;
  s.distribution = d;
  s.mean = mean;
  s.jitter = jitter;
  return s;
}

}  // namespace

TEST_CASE("constant is exact", "[latency]") {
  const auto s = draw_many(spec(LatencyDistribution::Constant, 7ms), 100);
  CHECK(s.min == 7ms);
  CHECK(s.max == 7ms);
}

TEST_CASE("each distribution's mean is within tolerance", "[latency]") {
  const double mean = 10e6;  // 10ms
  struct Case {
    LatencySpec spec;
    double tolerance;  // relative; wider for heavy tails
  };
  const Case cases[] = {
      {spec(LatencyDistribution::Uniform, 10ms), 0.02},       // [0, 20ms)
      {spec(LatencyDistribution::Uniform, 10ms, 3ms), 0.02},  // [7ms, 13ms)
      {spec(LatencyDistribution::Normal, 10ms, 2ms), 0.02},
      {spec(LatencyDistribution::Exponential, 10ms), 0.03},
      {spec(LatencyDistribution::Pareto, 10ms), 0.10},
  };
  for (const auto& c : cases) {
    INFO(distribution_name(c.spec.distribution) << " jitter " << c.spec.jitter.count());
    const auto s = draw_many(c.spec, 200000);
    CHECK(s.mean_ns == Approx(mean).epsilon(c.tolerance));
    CHECK(s.min >= 0ns);
  }
  // Uniform with jitter stays inside its band.
  const auto band = draw_many(spec(LatencyDistribution::Uniform, 10ms, 3ms), 10000);
  CHECK(band.min >= 7ms);
  CHECK(band.max <= 13ms);
  // Pareto never goes below its scale mean*(a-1)/a.
  CHECK(draw_many(spec(LatencyDistribution::Pareto, 10ms), 10000).min >= 5ms);
}

TEST_CASE("the same seed gives the same draws", "[latency]") {
  const auto s = spec(LatencyDistribution::Exponential, 5ms);
  auto a = history::make_rng(9, "x");
  auto b = history::make_rng(9, "x");
  auto c = history::make_rng(10, "x");
  bool differs = false;
  for (int i = 0; i < 100; ++i) {
    const auto da = draw_latency(s, a);
    CHECK(da == draw_latency(s, b));
    differs |= da != draw_latency(s, c);
  }
  CHECK(differs);
}

TEST_CASE("never negative, even when the spread exceeds the mean", "[latency]") {
  CHECK(draw_many(spec(LatencyDistribution::Normal, 1ms, 5ms), 50000).min >= 0ns);
  CHECK(draw_many(spec(LatencyDistribution::Uniform, 1ms, 5ms), 50000).min >= 0ns);
  CHECK(draw_many(spec(LatencyDistribution::Exponential, 0ns), 100).max == 0ns);
  CHECK(draw_many(spec(LatencyDistribution::Pareto, 0ns), 100).max == 0ns);
}

TEST_CASE("distribution names round-trip and bad names are clear errors", "[latency]") {
  for (auto d : {LatencyDistribution::Constant, LatencyDistribution::Uniform, LatencyDistribution::Normal,
                 LatencyDistribution::Exponential, LatencyDistribution::Pareto})
    CHECK(distribution_from_name(distribution_name(d)) == d);
  CHECK_THROWS_WITH(distribution_from_name("gaussian"),
                    Catch::Contains("gaussian") && Catch::Contains("allowed"));
}
