#pragma once
// `faultline suite --shard I/N`: run only every N-th run of the plan,
// starting at the I-th, so N machines (a CI matrix) share one suite and
// `faultline suite merge` puts their results back together.
#include <string>

#include "harness/suite/suite_runner.hpp"

namespace faultline::harness::suite {

struct Shard {
  int index = 0;  // 1-based; 0 with count 0: no sharding
  int count = 0;
};

// "2/4" -> {2, 4}. Throws SuiteError naming what is wrong.
Shard parse_shard(const std::string& text);
// Keeps the runs whose plan position is index-1 modulo count. Round robin
// over the plan (scenario by scenario) spreads each scenario's runs, and so
// the slow scenarios, over the shards; the split depends only on the plan.
void keep_shard(SuitePlan& plan, const Shard& shard);

}  // namespace faultline::harness::suite
