#pragma once
// One edge of a fault window on the timeline: the start or the stop of a
// fault, with every random choice (targets, grudge, links) already resolved,
// so the runner only applies it and the history records exactly what it was.
#include <boost/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "nemesis/latency.hpp"
#include "nemesis/link_faults.hpp"
#include "nemesis/partition_shapes.hpp"

namespace faultline::nemesis {

struct FaultEvent {
  Nanos at{0};        // since the run started
  Nanos started{0};   // when the window started (== at on a start event)
  bool start = true;  // false: the stop (heal, restart, resume)
  int fault_id = 0;   // shared by a window's start and stop; 1, 2, ... in start order
  std::string kind;   // partition, latency, loss, duplicate, reorder, kill, pause, restart
  // Process faults: the targets. Network faults with include_clients: the
  // node side of the client links they touch.
  std::vector<std::string> nodes;
  Grudge grudge;                                           // partition
  std::vector<std::pair<std::string, std::string>> links;  // other network faults, sorted
  bool include_clients = false;
  LatencySpec latency;      // latency
  double probability = 0;   // loss, duplicate
  StreamParams stream;      // bandwidth, reset, slice; partition's on_heal and refuse
  bool wipe = false;        // kill: the restart at stop wipes the data dir
  std::string description;  // the window's fault, same on both edges ("isolate n3")

  bool is_network() const;
  bool is_process() const;

  // The nemesis op's value: {"fault", "kind", "phase", "description", and the
  // kind's own fields: "grudge" | "links" (+ "clients", "latency",
  // "probability") | "nodes" (+ "wipe")}.
  boost::json::object to_json() const;
};

// Timeline order: by time; at equal times stops of earlier windows come
// before starts, so a heal and the next fault never overlap, and a
// zero-length window's stop follows its own start.
bool timeline_before(const FaultEvent& a, const FaultEvent& b);

}  // namespace faultline::nemesis
