#pragma once
// The fault language of a scenario, as parsed: which faults, on which nodes
// and links, and when. schedule.hpp expands it into a concrete timeline.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "nemesis/latency.hpp"
#include "nemesis/link_faults.hpp"

namespace faultline::nemesis {

// Which nodes a fault touches.
struct NodeSelector {
  // one, minority, majority, minority-third, all, random (pick `count`), list
  std::string mode = "all";
  std::vector<std::string> names;  // for list
  int count = 1;                   // for random
};

// Which directed links a network fault touches.
struct LinkSelector {
  std::optional<NodeSelector> from;     // default: all nodes
  std::optional<NodeSelector> to;       // default: all nodes
  std::optional<NodeSelector> between;  // both directions within this set
  std::string direction = "both";       // one-way | both
  bool clients = false;                 // also client <-> node links
};

struct FaultSpec {
  // partition, latency, loss, duplicate, reorder, kill, pause, restart
  std::string kind;
  // partition
  std::string shape;  // halves, random-halves, isolate, majorities-ring, bridge, one-way, groups
  std::vector<std::vector<std::string>> groups;
  // network faults other than partition
  LinkSelector links;
  nemesis::LatencySpec latency;
  StreamParams stream;  // bandwidth, reset, slice; partition's on_heal and refuse
  double probability = 0;
  // process faults
  NodeSelector targets;
  std::optional<Nanos> restart_after;  // kill: restart after this delay (default: at the fault's end)
  bool wipe = false;                   // kill: wipe the data dir before restart
  std::string where;                   // "file:line:column" of the entry, for later errors
};

struct ScheduleEntry {
  enum class Kind { At, Every, Random } kind = Kind::At;
  FaultSpec fault;  // At, Every
  Nanos at{0};
  Nanos duration{0};  // `for`
  Nanos every{0};
  Nanos jitter{0};
  // Random: pick from the pool at intervals drawn from [interval_min, interval_max],
  // each lasting a duration drawn from [for_min, for_max].
  std::vector<FaultSpec> pool;
  Nanos interval_min{0}, interval_max{0};
  Nanos for_min{0}, for_max{0};
  int max_concurrent = 1;
  std::string where;  // "file:line:column" of the entry, for later errors
};

}  // namespace faultline::nemesis
