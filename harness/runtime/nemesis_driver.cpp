#include "harness/runtime/nemesis_driver.hpp"

#include "nemesis/schedule.hpp"

namespace faultline::harness {

NemesisDriver::NemesisDriver(boost::asio::io_context& io, nemesis::Router& router, Recorder& recorder,
                             NodeControl& nodes, const Scenario& scenario)
    : io_(io),
      router_(router),
      recorder_(recorder),
      nodes_(nodes),
      timeline_(
          nemesis::build_timeline(scenario.nemesis, scenario.nodes.ids, scenario.seed, scenario.time_limit)),
      timer_(io),
      node_ids_(scenario.nodes.ids) {
  const std::size_t n = router_.endpoint_count();
  base_.reserve(n * n);
  for (std::size_t s = 0; s < n; ++s)
    for (std::size_t d = 0; d < n; ++d)
      base_.push_back(router_.link(static_cast<int>(s), static_cast<int>(d)));
}

void NemesisDriver::start() {
  origin_ = std::chrono::steady_clock::now();
  arm();
}

void NemesisDriver::arm() {
  if (stopped_ || next_ >= timeline_.size()) return;
  timer_.expires_at(origin_ + timeline_[next_].at);
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || stopped_) return;
    const auto now = std::chrono::steady_clock::now();
    while (next_ < timeline_.size() && origin_ + timeline_[next_].at <= now) fire(timeline_[next_++]);
    arm();
  });
}

void NemesisDriver::fire(const nemesis::FaultEvent& event) {
  boost::json::object value = event.to_json();
  if (event.is_network()) {
    overlays_.apply(event);
    refresh_links();
  } else {
    apply_process(event, value);
  }
  if (event.start) {
    open_[event.fault_id] = &event;
  } else {
    open_.erase(event.fault_id);
  }
  const auto& recorded = record((event.start ? "start-" : "stop-") + event.kind, std::move(value));
  if (event.start) {
    window_index_[event.fault_id] = windows_.size();
    windows_.push_back({{"fault", event.fault_id},
                        {"kind", event.kind},
                        {"description", event.description},
                        {"start_ns", recorded.time},
                        {"stop_ns", nullptr}});
  } else if (auto it = window_index_.find(event.fault_id); it != window_index_.end()) {
    windows_[it->second].as_object()["stop_ns"] = recorded.time;
  }
}

const history::Op& NemesisDriver::record(std::string f, boost::json::object value) {
  history::Op op;
  op.process = history::kNemesisProcess;
  op.type = history::OpType::Info;  // nemesis ops are info at both ends, as Jepsen's
  op.f = std::move(f);
  op.value = std::move(value);
  return recorder_.record(std::move(op));
}

void NemesisDriver::apply_process(const nemesis::FaultEvent& event, boost::json::object& value) {
  // A restart is done at its start; its stop undoes nothing, and pids of -1
  // there would read as a restart that failed.
  if (event.kind == "restart" && !event.start) return;
  boost::json::object pids;
  for (const auto& id : event.nodes) {
    pid_t pid = -1;
    if (event.kind == "kill") {
      pid = event.start ? nodes_.kill_node(id) : nodes_.restart_node(id, event.wipe);
    } else if (event.kind == "pause") {
      pid = event.start ? nodes_.pause_node(id) : nodes_.resume_node(id);
    } else if (event.kind == "restart") {
      pid = nodes_.restart_node(id, false);
    }
    pids[id] = pid;
  }
  value["pids"] = std::move(pids);
}

void NemesisDriver::refresh_links() {
  const std::size_t n = router_.endpoint_count();
  for (std::size_t s = 0; s < n; ++s) {
    const nemesis::LinkEnd src{router_.endpoint_id(static_cast<int>(s)),
                               router_.endpoint_kind(static_cast<int>(s)) == nemesis::EndpointKind::Client};
    for (std::size_t d = 0; d < n; ++d) {
      const nemesis::LinkEnd dst{router_.endpoint_id(static_cast<int>(d)),
                                 router_.endpoint_kind(static_cast<int>(d)) == nemesis::EndpointKind::Client};
      router_.link(static_cast<int>(s), static_cast<int>(d)) =
          overlays_.effective(base_[s * n + d], src, dst);
    }
  }
}

void NemesisDriver::heal_all() {
  if (stopped_) return;
  stopped_ = true;
  timer_.cancel();
  // Close open windows by firing their own stop events, so the history shows
  // each heal with what it undid.
  std::vector<const nemesis::FaultEvent*> to_stop;
  for (std::size_t i = next_; i < timeline_.size(); ++i)
    if (!timeline_[i].start && open_.count(timeline_[i].fault_id)) to_stop.push_back(&timeline_[i]);
  for (const auto* stop : to_stop) fire(*stop);
  next_ = timeline_.size();
  // Whatever the timeline did, the final phase starts from a whole cluster.
  for (const auto& id : node_ids_) {
    if (!nodes_.node_running(id)) {
      record("stop-kill", {{"kind", "kill"},
                           {"description", "restart " + id + " for the final phase"},
                           {"nodes", {id}},
                           {"pids", {{id, nodes_.restart_node(id, false)}}}});
    }
  }
}

void NemesisDriver::cancel() {
  stopped_ = true;
  timer_.cancel();
}

std::vector<std::string> NemesisDriver::active_descriptions() const {
  std::vector<std::string> out;
  for (const auto& [id, event] : open_) out.push_back(event->kind + " " + event->description);
  return out;
}

boost::json::array NemesisDriver::faults_json() const { return windows_; }

}  // namespace faultline::harness
