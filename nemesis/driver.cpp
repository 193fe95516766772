#include "nemesis/driver.hpp"

#include "nemesis/fault_kinds.hpp"

namespace faultline::nemesis {

Driver::Driver(boost::asio::io_context& io, Network& network, NodeControl& nodes,
               std::vector<FaultEvent> timeline, std::vector<std::string> node_ids, Report report)
    : network_(network),
      nodes_(nodes),
      timeline_(std::move(timeline)),
      node_ids_(std::move(node_ids)),
      report_(std::move(report)),
      timer_(io) {}

void Driver::start() {
  origin_ = std::chrono::steady_clock::now();
  arm();
}

void Driver::arm() {
  if (stopped_ || next_ >= timeline_.size()) return;
  timer_.expires_at(origin_ + timeline_[next_].at);
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || stopped_) return;
    const auto now = std::chrono::steady_clock::now();
    while (next_ < timeline_.size() && origin_ + timeline_[next_].at <= now) fire(timeline_[next_++]);
    arm();
  });
}

void Driver::fire(const FaultEvent& event) {
  boost::json::object value = event.to_json();
  if (event.is_network()) {
    network_.apply(event);
  } else {
    apply_process(event, value);
  }
  if (event.start) {
    open_[event.fault_id] = &event;
  } else {
    open_.erase(event.fault_id);
  }
  const std::int64_t time = report_((event.start ? "start-" : "stop-") + event.kind, std::move(value));
  if (event.start) {
    window_index_[event.fault_id] = windows_.size();
    windows_.push_back({{"fault", event.fault_id},
                        {"kind", event.kind},
                        {"description", event.description},
                        {"start_ns", time},
                        {"stop_ns", nullptr}});
  } else if (auto it = window_index_.find(event.fault_id); it != window_index_.end()) {
    windows_[it->second].as_object()["stop_ns"] = time;
  }
}

void Driver::apply_process(const FaultEvent& event, boost::json::object& value) {
  const FaultKind& kind = fault_kind(event.kind);
  const auto action = event.start ? kind.start : kind.stop;
  // An instant fault (restart) is done at its start; its stop undoes nothing,
  // and pids of -1 there would read as a restart that failed.
  if (!action) return;
  boost::json::object pids;
  for (const auto& id : event.nodes) pids[id] = action(nodes_, id, event);
  value["pids"] = std::move(pids);
}

void Driver::heal_all() {
  if (stopped_) return;
  stopped_ = true;
  timer_.cancel();
  // Close open windows by firing their own stop events, so the history shows
  // each heal with what it undid.
  std::vector<const FaultEvent*> to_stop;
  for (std::size_t i = next_; i < timeline_.size(); ++i)
    if (!timeline_[i].start && open_.count(timeline_[i].fault_id)) to_stop.push_back(&timeline_[i]);
  for (const auto* stop : to_stop) fire(*stop);
  next_ = timeline_.size();
  // Whatever the timeline did, the final phase starts from a whole cluster.
  // Recorded as the stop of a kill, the edge that restarts a node.
  for (const auto& id : node_ids_) {
    if (!nodes_.node_running(id)) {
      report_("stop-kill", {{"kind", "kill"},
                            {"description", "restart " + id + " for the final phase"},
                            {"nodes", {id}},
                            {"pids", {{id, nodes_.restart_node(id, false)}}}});
    }
  }
}

void Driver::cancel() {
  stopped_ = true;
  timer_.cancel();
}

namespace {
bool starts_with_word(const std::string& text, const std::string& word) {
  return text.rfind(word, 0) == 0 && (text.size() == word.size() || text[word.size()] == ' ');
}
}  // namespace

std::vector<std::string> Driver::active_descriptions() const {
  std::vector<std::string> out;
  // Descriptions often start with the kind already ("loss 50% on all links").
  for (const auto& [id, event] : open_)
    out.push_back(starts_with_word(event->description, event->kind) ? event->description
                                                                    : event->kind + " " + event->description);
  return out;
}

}  // namespace faultline::nemesis
