#pragma once
// Plays the fault timeline during the main phase: network windows become
// link overlays in the router, process windows become kills, pauses and
// restarts; every edge is a nemesis op in the history. heal_all() ends
// every open window at once (the final phase starts from a healed cluster).
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "harness/runtime/node_control.hpp"
#include "harness/runtime/recorder.hpp"
#include "harness/scenario/scenario.hpp"
#include "nemesis/fault_event.hpp"
#include "nemesis/link_overlay.hpp"
#include "nemesis/router.hpp"

namespace faultline::harness {

class NemesisDriver {
 public:
  // Throws std::invalid_argument when the schedule cannot be expanded.
  NemesisDriver(boost::asio::io_context& io, nemesis::Router& router, Recorder& recorder, NodeControl& nodes,
                const Scenario& scenario);

  void start();     // timeline times count from now
  void heal_all();  // stop every open window now; no further faults
  void cancel();    // abort: no further faults, nothing recorded

  std::vector<std::string> active_descriptions() const;
  // One entry per window that began: fault, kind, description, start_ns, stop_ns.
  boost::json::array faults_json() const;
  const std::vector<nemesis::FaultEvent>& timeline() const { return timeline_; }

 private:
  void arm();
  void fire(const nemesis::FaultEvent& event);
  const history::Op& record(std::string f, boost::json::object value);
  void apply_process(const nemesis::FaultEvent& event, boost::json::object& value);
  void refresh_links();

  boost::asio::io_context& io_;
  nemesis::Router& router_;
  Recorder& recorder_;
  NodeControl& nodes_;
  std::vector<nemesis::FaultEvent> timeline_;
  std::size_t next_ = 0;
  std::chrono::steady_clock::time_point origin_;
  boost::asio::steady_timer timer_;
  nemesis::LinkOverlays overlays_;
  std::vector<nemesis::LinkFaults> base_;           // router links before any fault, row-major
  std::map<int, const nemesis::FaultEvent*> open_;  // fault id -> its start event
  boost::json::array windows_;
  std::map<int, std::size_t> window_index_;
  std::vector<std::string> node_ids_;
  bool stopped_ = false;
};

}  // namespace faultline::harness
