#include "nemesis/link_overlay.hpp"

#include <algorithm>
#include <tuple>

#include "nemesis/fault_kinds.hpp"

namespace faultline::nemesis {

namespace {

bool has(const std::vector<std::string>& nodes, const std::string& id) {
  return std::find(nodes.begin(), nodes.end(), id) != nodes.end();
}

void overlay(LinkFaults& state, const FaultEvent& fault) {
  const auto* kind = find_fault_kind(fault.kind);
  if (kind && kind->overlay) kind->overlay(state, fault);
}

}  // namespace

bool touches(const FaultEvent& fault, const LinkEnd& src, const LinkEnd& dst) {
  if (!fault.is_network()) return false;
  if (fault_kind(fault.kind).target == FaultTarget::Partition)
    return !src.client && !dst.client && drops(fault.grudge, src.id, dst.id);
  if (src.client && dst.client) return false;
  if (src.client) return fault.include_clients && has(fault.nodes, dst.id);
  if (dst.client) return fault.include_clients && has(fault.nodes, src.id);
  return std::binary_search(fault.links.begin(), fault.links.end(),
                            std::pair<std::string, std::string>{src.id, dst.id});
}

LinkFaults effective_link(const LinkFaults& base, const LinkEnd& src, const LinkEnd& dst,
                          const std::vector<const FaultEvent*>& active) {
  std::vector<const FaultEvent*> ordered;
  for (const auto* f : active)
    if (f && touches(*f, src, dst)) ordered.push_back(f);
  std::stable_sort(ordered.begin(), ordered.end(), [](const FaultEvent* a, const FaultEvent* b) {
    return std::tie(a->started, a->fault_id) < std::tie(b->started, b->fault_id);
  });
  LinkFaults state = base;
  for (const auto* f : ordered) overlay(state, *f);
  return state;
}

void LinkOverlays::apply(const FaultEvent& event) {
  if (!event.is_network()) return;
  auto same = [&](const FaultEvent& f) { return f.fault_id == event.fault_id; };
  if (event.start) {
    std::erase_if(active_, same);  // a repeated start replaces, never stacks
    active_.push_back(event);
  } else {
    std::erase_if(active_, same);
  }
}

LinkFaults LinkOverlays::effective(const LinkFaults& base, const LinkEnd& src, const LinkEnd& dst) const {
  std::vector<const FaultEvent*> active;
  active.reserve(active_.size());
  for (const auto& f : active_) active.push_back(&f);
  return effective_link(base, src, dst, active);
}

bool LinkOverlays::touches_link(const LinkEnd& src, const LinkEnd& dst) const {
  for (const auto& f : active_)
    if (touches(f, src, dst)) return true;
  return false;
}

std::vector<std::string> LinkOverlays::client_nodes() const {
  std::vector<std::string> out;
  for (const auto& f : active_)
    if (f.include_clients)
      for (const auto& n : f.nodes)
        if (!has(out, n)) out.push_back(n);
  return out;
}

}  // namespace faultline::nemesis
