#pragma once
// Plays the fault timeline during the main phase: network windows go to the
// Network as overlays, process windows become kills, pauses and restarts
// through NodeControl; every edge is reported (the harness records it as a
// nemesis op). heal_all() ends every open window at once (the final phase
// starts from a healed cluster).
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "nemesis/fault_event.hpp"
#include "nemesis/network.hpp"
#include "nemesis/node_control.hpp"

namespace faultline::nemesis {

class Driver {
 public:
  // One edge for the history: f ("start-partition", "stop-kill"), the value;
  // returns the time it was recorded at, in ns since the run started.
  using Report = std::function<std::int64_t(std::string f, boost::json::object value)>;

  // `timeline` as build_timeline made it; `node_ids` are the nodes heal_all
  // brings back.
  Driver(boost::asio::io_context& io, Network& network, NodeControl& nodes, std::vector<FaultEvent> timeline,
         std::vector<std::string> node_ids, Report report);

  void start();     // timeline times count from now
  void heal_all();  // stop every open window now; no further faults
  void cancel();    // abort: no further faults, nothing reported

  std::vector<std::string> active_descriptions() const;
  // One entry per window that began: fault, kind, description, start_ns, stop_ns.
  boost::json::array faults_json() const { return windows_; }
  const std::vector<FaultEvent>& timeline() const { return timeline_; }

 private:
  void arm();
  void fire(const FaultEvent& event);
  void apply_process(const FaultEvent& event, boost::json::object& value);

  Network& network_;
  NodeControl& nodes_;
  std::vector<FaultEvent> timeline_;
  std::vector<std::string> node_ids_;
  Report report_;
  std::size_t next_ = 0;
  std::chrono::steady_clock::time_point origin_;
  boost::asio::steady_timer timer_;
  std::map<int, const FaultEvent*> open_;  // fault id -> its start event
  boost::json::array windows_;
  std::map<int, std::size_t> window_index_;
  bool stopped_ = false;
};

}  // namespace faultline::nemesis
