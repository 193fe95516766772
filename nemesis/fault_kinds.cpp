#include "nemesis/fault_kinds.hpp"

#include <stdexcept>

#include "nemesis/fault_event.hpp"
#include "nemesis/link_faults.hpp"
#include "nemesis/node_control.hpp"

namespace faultline::nemesis {

namespace {

// Stdio lines and udp datagrams have message boundaries; a tcp byte stream
// does not, so message-level faults cannot apply to it.
constexpr unsigned kAllPlanes = kStdio | kTcp | kUdp;
constexpr unsigned kMessagePlanes = kStdio | kUdp;

using P = FaultParam;

const std::vector<FaultKind> kKinds = {
    {"partition",
     FaultClass::Network,
     kAllPlanes,
     FaultTarget::Partition,
     {P::OnHeal, P::Refuse},
     "one",
     false,
     [](LinkFaults& l, const FaultEvent& f) {
       l.partitioned = true;
       l.on_heal = f.stream.on_heal;
       l.refuse = f.stream.refuse;
     }},
    {"latency",
     FaultClass::Network,
     kAllPlanes,
     FaultTarget::Links,
     {P::Latency},
     "one",
     false,
     [](LinkFaults& l, const FaultEvent& f) { l.latency = f.latency; }},
    {"loss",
     FaultClass::Network,
     kMessagePlanes,
     FaultTarget::Links,
     {P::Probability},
     "one",
     false,
     [](LinkFaults& l, const FaultEvent& f) { l.loss = f.probability; }},
    {"duplicate",
     FaultClass::Network,
     kMessagePlanes,
     FaultTarget::Links,
     {P::Probability},
     "one",
     false,
     [](LinkFaults& l, const FaultEvent& f) { l.duplicate = f.probability; }},
    {"reorder",
     FaultClass::Network,
     kMessagePlanes,
     FaultTarget::Links,
     {},
     "one",
     false,
     [](LinkFaults& l, const FaultEvent&) { l.ordering = Ordering::Reorder; }},
    // Byte-stream kinds: the tcp proxy plane only.
    {"bandwidth",
     FaultClass::Network,
     kTcp,
     FaultTarget::Links,
     {P::Rate},
     "one",
     false,
     [](LinkFaults& l, const FaultEvent& f) { l.bandwidth = f.stream.rate; }},
    {"stall",
     FaultClass::Network,
     kTcp,
     FaultTarget::Links,
     {},
     "one",
     false,
     [](LinkFaults& l, const FaultEvent&) { l.stall = true; }},
    {"reset",
     FaultClass::Network,
     kTcp,
     FaultTarget::Links,
     {P::AfterBytes},
     "one",
     false,
     [](LinkFaults& l, const FaultEvent& f) {
       l.reset = true;
       l.reset_after_bytes = f.stream.after_bytes;
     }},
    {"slice",
     FaultClass::Network,
     kTcp,
     FaultTarget::Links,
     {P::SliceSize, P::SliceVariation, P::SliceDelay},
     "one",
     false,
     [](LinkFaults& l, const FaultEvent& f) { l.slice = f.stream.slice; }},
    {"down",
     FaultClass::Network,
     kTcp,
     FaultTarget::Links,
     {},
     "one",
     false,
     [](LinkFaults& l, const FaultEvent&) { l.down = true; }},
    {"kill",
     FaultClass::Process,
     kAllPlanes,
     FaultTarget::Nodes,
     {P::RestartAfter, P::Wipe},
     "one",
     false,
     nullptr,
     [](NodeControl& n, const std::string& id, const FaultEvent&) { return n.kill_node(id); },
     [](NodeControl& n, const std::string& id, const FaultEvent& f) { return n.restart_node(id, f.wipe); }},
    {"pause",
     FaultClass::Process,
     kAllPlanes,
     FaultTarget::Nodes,
     {},
     "one",
     false,
     nullptr,
     [](NodeControl& n, const std::string& id, const FaultEvent&) { return n.pause_node(id); },
     [](NodeControl& n, const std::string& id, const FaultEvent&) { return n.resume_node(id); }},
    {"restart",
     FaultClass::Process,
     kAllPlanes,
     FaultTarget::Nodes,
     {},
     "all",
     true,
     nullptr,
     [](NodeControl& n, const std::string& id, const FaultEvent&) { return n.restart_node(id, false); }},
};

std::vector<std::string> target_keys(FaultTarget target) {
  switch (target) {
    case FaultTarget::Partition:
      return {"shape", "groups", "targets", "from", "to"};
    case FaultTarget::Links:
      return {"from", "to", "between", "direction", "clients"};
    case FaultTarget::Nodes:
      return {"targets"};
  }
  return {};
}

}  // namespace

std::string_view plane_name(Plane plane) {
  switch (plane) {
    case kStdio:
      return "stdio";
    case kTcp:
      return "tcp";
    case kUdp:
      return "udp";
  }
  return "?";
}

std::string_view param_key(FaultParam param) {
  switch (param) {
    case FaultParam::Latency:
      return "latency";
    case FaultParam::Probability:
      return "probability";
    case FaultParam::RestartAfter:
      return "restart_after";
    case FaultParam::Wipe:
      return "wipe";
    case FaultParam::Rate:
      return "rate";
    case FaultParam::AfterBytes:
      return "after_bytes";
    case FaultParam::SliceSize:
      return "size";
    case FaultParam::SliceVariation:
      return "variation";
    case FaultParam::SliceDelay:
      return "delay";
    case FaultParam::OnHeal:
      return "on_heal";
    case FaultParam::Refuse:
      return "refuse";
  }
  return "?";
}

bool FaultKind::has(FaultParam param) const {
  for (auto p : params)
    if (p == param) return true;
  return false;
}

std::vector<std::string> FaultKind::keys() const {
  // What it selects first, then its own parameters.
  std::vector<std::string> out = target_keys(target);
  for (auto p : params) out.emplace_back(param_key(p));
  return out;
}

const std::vector<FaultKind>& fault_kinds() { return kKinds; }

std::vector<std::string> fault_kind_names() {
  std::vector<std::string> out;
  for (const auto& k : kKinds) out.emplace_back(k.name);
  return out;
}

const FaultKind* find_fault_kind(std::string_view name) {
  for (const auto& k : kKinds)
    if (k.name == name) return &k;
  return nullptr;
}

const FaultKind& fault_kind(std::string_view name) {
  if (const auto* k = find_fault_kind(name)) return *k;
  std::string allowed;
  for (const auto& k : kKinds) allowed += (allowed.empty() ? "" : ", ") + std::string(k.name);
  throw std::invalid_argument("unknown fault kind '" + std::string(name) + "' (allowed: " + allowed + ")");
}

}  // namespace faultline::nemesis
