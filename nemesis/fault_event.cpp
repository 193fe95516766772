#include "nemesis/fault_event.hpp"

#include <tuple>

#include "nemesis/fault_kinds.hpp"

namespace faultline::nemesis {

namespace {

boost::json::array string_array(const std::vector<std::string>& items) {
  boost::json::array out;
  for (const auto& s : items) out.emplace_back(s);
  return out;
}

boost::json::object latency_json(const LatencySpec& spec) {
  boost::json::object out;
  out["distribution"] = distribution_name(spec.distribution);
  out["mean_ns"] = spec.mean.count();
  out["jitter_ns"] = spec.jitter.count();
  if (spec.distribution == LatencyDistribution::Pareto) out["pareto_shape"] = spec.pareto_shape;
  return out;
}

// 0: a stop of a window that started earlier; 1: a start; 2: the stop of a
// window of zero length (it must follow its own start).
int phase_rank(const FaultEvent& e) {
  if (e.start) return 1;
  return e.started < e.at ? 0 : 2;
}

}  // namespace

bool FaultEvent::is_network() const {
  const auto* k = find_fault_kind(kind);
  return k && k->is_network();
}

bool FaultEvent::is_process() const {
  const auto* k = find_fault_kind(kind);
  return k && !k->is_network();
}

boost::json::object FaultEvent::to_json() const {
  boost::json::object out;
  out["fault"] = fault_id;
  out["kind"] = kind;
  out["phase"] = start ? "start" : "stop";
  out["description"] = description;
  const FaultKind* k = find_fault_kind(kind);
  if (!k) return out;
  if (k->target == FaultTarget::Partition) {
    boost::json::object g;
    for (const auto& [dst, srcs] : grudge)
      g[dst] = string_array(std::vector<std::string>(srcs.begin(), srcs.end()));
    out["grudge"] = std::move(g);
    if (stream.on_heal == OnHeal::Reset) out["on_heal"] = "reset";
    if (stream.refuse) out["refuse"] = true;
  } else if (k->target == FaultTarget::Links) {
    boost::json::array ls;
    for (const auto& [src, dst] : links) ls.push_back(boost::json::array{src, dst});
    out["links"] = std::move(ls);
    out["clients"] = include_clients;
    if (include_clients) out["client_nodes"] = string_array(nodes);
    if (k->has(FaultParam::Latency)) out["latency"] = latency_json(latency);
    if (k->has(FaultParam::Probability)) out["probability"] = probability;
    if (k->has(FaultParam::Rate)) out["rate"] = stream.rate;
    if (k->has(FaultParam::AfterBytes)) out["after_bytes"] = stream.after_bytes;
    if (k->has(FaultParam::SliceSize)) {
      out["size"] = stream.slice.average;
      out["variation"] = stream.slice.variation;
      out["delay_ns"] = stream.slice.delay.count();
    }
  } else {
    out["nodes"] = string_array(nodes);
    if (k->has(FaultParam::Wipe)) out["wipe"] = wipe;
  }
  return out;
}

bool timeline_before(const FaultEvent& a, const FaultEvent& b) {
  const int ra = phase_rank(a), rb = phase_rank(b);
  return std::tie(a.at, ra, a.fault_id) < std::tie(b.at, rb, b.fault_id);
}

}  // namespace faultline::nemesis
