#pragma once
// The fault windows a report shades on its plots: from results.json `faults`
// when the runner wrote them, else rebuilt from the nemesis ops in the history
// (a partial run has no results.json faults but does have the ops).
#include <boost/json.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "history/op.hpp"

namespace faultline::harness::report {

struct FaultWindow {
  std::int64_t id = 0;
  std::string kind;         // partition, latency, kill, ...
  std::string description;  // "isolate n3"
  std::int64_t start_ns = 0;
  std::int64_t stop_ns = -1;  // -1: never stopped (ran to the end)
};

std::vector<FaultWindow> fault_windows(const boost::json::object& results, const history::History& history);

}  // namespace faultline::harness::report
