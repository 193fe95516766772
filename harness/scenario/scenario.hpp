#pragma once
// A parsed and validated scenario. Every field here has passed the loader's
// checks; `loc` fields keep file:line:column for errors found later.
#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "nemesis/latency.hpp"

namespace faultline::harness {

using Nanos = std::chrono::nanoseconds;

struct SourceLoc {
  std::string file;
  int line = 0;    // 1-based
  int column = 0;  // 1-based
  std::string str() const;  // "file:line:column"
};

struct NodesSpec {
  std::vector<std::string> ids;        // from `count` (n1..nN) or `names`
  std::vector<std::string> command;    // argv template: {{node_id}} {{data_dir}} {{node_index}}
  std::string protocol = "maelstrom";
  std::map<std::string, std::string> env;
  std::string cwd;                     // empty: the run directory
  Nanos init_timeout = std::chrono::seconds(10);
  SourceLoc loc;
};

enum class Ordering { Fifo, Reorder };

struct LinkFaults {
  nemesis::LatencySpec latency;
  double loss = 0;       // probability a message is dropped
  double duplicate = 0;  // probability a message is delivered twice
  Ordering ordering = Ordering::Fifo;
};

struct NetworkSpec {
  LinkFaults nodes;    // node <-> node and node <-> service links
  LinkFaults clients;  // client <-> node links (default: no faults, as Maelstrom)
  std::size_t max_message_bytes = 1 << 20;
};

struct WorkloadSpec {
  std::string type;
  double rate = 10;           // ops per second over all clients; 0 = no ops
  int concurrency = 0;        // resolved from `concurrency: 2n` etc.
  Nanos timeout = std::chrono::seconds(5);
  Nanos quiesce = std::chrono::seconds(5);  // after heal, before the final phase
  boost::json::object params;  // checked against the workload's ParamSpecs, defaults filled
  SourceLoc loc;
};

// Which nodes a fault touches.
struct NodeSelector {
  // one, minority, majority, minority-third, all, random (pick `count`), list
  std::string mode = "all";
  std::vector<std::string> names;  // for list
  int count = 1;                   // for random
};

// Which directed links a network fault touches.
struct LinkSelector {
  std::optional<NodeSelector> from;  // default: all nodes
  std::optional<NodeSelector> to;    // default: all nodes
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
  double probability = 0;
  // process faults
  NodeSelector targets;
  std::optional<Nanos> restart_after;  // kill: restart after this delay (default: at the fault's end)
  bool wipe = false;                   // kill: wipe the data dir before restart
  SourceLoc loc;
};

struct ScheduleEntry {
  enum class Kind { At, Every, Random } kind = Kind::At;
  FaultSpec fault;       // At, Every
  Nanos at{0};
  Nanos duration{0};     // `for`
  Nanos every{0};
  Nanos jitter{0};
  // Random: pick from the pool at intervals drawn from [interval_min, interval_max],
  // each lasting a duration drawn from [for_min, for_max].
  std::vector<FaultSpec> pool;
  Nanos interval_min{0}, interval_max{0};
  Nanos for_min{0}, for_max{0};
  int max_concurrent = 1;
  SourceLoc loc;
};

struct CheckerUse {
  std::string type;
  boost::json::object options;
  SourceLoc loc;
};

struct Scenario {
  std::string path;  // the file it came from
  std::string name;
  std::uint64_t seed = 0;
  Nanos time_limit = std::chrono::seconds(10);
  NodesSpec nodes;
  NetworkSpec network;
  WorkloadSpec workload;
  std::vector<ScheduleEntry> nemesis;
  std::vector<CheckerUse> checkers;  // empty: the workload's defaults
  boost::json::value source;         // the scenario as JSON, for results.json
};

}  // namespace faultline::harness
