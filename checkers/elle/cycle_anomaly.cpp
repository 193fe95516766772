#include "checkers/elle/cycle_anomaly.hpp"

namespace faultline::checkers::elle {

std::string cycle_kind_name(CycleKind kind) {
  switch (kind) {
    case CycleKind::G0:
      return "G0";
    case CycleKind::G1c:
      return "G1c";
    case CycleKind::GSingle:
      return "G-single";
    case CycleKind::GNonadjacent:
      return "G-nonadjacent";
    case CycleKind::G2Item:
      return "G2-item";
  }
  return "?";
}

std::string anomaly_name(CycleKind kind, Variant variant) {
  const std::string base = cycle_kind_name(kind);
  switch (variant) {
    case Variant::Data:
      return base;
    case Variant::Process:
      return base + "-process";
    case Variant::Realtime:
      return base + "-realtime";
  }
  return base;
}

CycleShape shape_of(CycleKind kind, Variant variant) {
  CycleShape s;
  switch (kind) {
    case CycleKind::G0:
      s = {kWW, kWW, 0, RwRule::Forbidden};
      break;
    case CycleKind::G1c:
      s = {kWR, kWW | kWR, 0, RwRule::Forbidden};
      break;
    case CycleKind::GSingle:
      s = {kRW, kWW | kWR, 0, RwRule::Forbidden};
      break;
    case CycleKind::GNonadjacent:
      s = {kRW, kDataLabels, 0, RwRule::Nonadjacent};
      break;
    case CycleKind::G2Item:
      s = {kRW, kDataLabels, 0, RwRule::Adjacent};
      break;
  }
  // A process step is also a real-time one (a client waits for each reply),
  // so the real-time variant may use both but must use a real-time step.
  if (variant == Variant::Process) {
    s.rest |= kProcess;
    s.needs = kProcess;
  } else if (variant == Variant::Realtime) {
    s.rest |= kProcess | kRealtime;
    s.needs = kRealtime;
  }
  return s;
}

std::string classify(const Cycle& cycle) {
  std::size_t rw = 0, wr = 0;
  bool process = false, realtime = false, adjacent = false;
  for (std::size_t i = 0; i < cycle.size(); ++i) {
    const auto label = cycle[i].label;
    rw += label == kRW;
    wr += label == kWR;
    process = process || label == kProcess;
    realtime = realtime || label == kRealtime;
    if (label == kRW && cycle[(i + 1) % cycle.size()].label == kRW) adjacent = true;
  }
  CycleKind kind = rw == 0    ? (wr == 0 ? CycleKind::G0 : CycleKind::G1c)
                   : rw == 1  ? CycleKind::GSingle
                   : adjacent ? CycleKind::G2Item
                              : CycleKind::GNonadjacent;
  return anomaly_name(kind, realtime ? Variant::Realtime : process ? Variant::Process : Variant::Data);
}

}  // namespace faultline::checkers::elle
