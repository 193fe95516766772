#include "nemesis/fault_resolve.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "nemesis/fault_kinds.hpp"
#include "nemesis/partition_shapes.hpp"
#include "nemesis/selectors.hpp"

namespace faultline::nemesis {

namespace {

std::string percent(double p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g%%", p * 100);
  return buf;
}

std::string side(const std::vector<std::string>& resolved, const std::vector<std::string>& nodes) {
  return resolved == nodes ? "all" : bracketed(resolved);
}

std::string links_summary(const LinkSelector& sel, const LinkSet& set,
                          const std::vector<std::string>& nodes) {
  std::string out;
  if (sel.between)
    out = "between " + bracketed(set.from);
  else if (!sel.from && !sel.to)
    out = "all links";
  else
    out = side(set.from, nodes) + (sel.direction == "both" ? " <-> " : " -> ") + side(set.to, nodes);
  if (set.include_clients) out += " + clients of " + bracketed(set.client_nodes);
  return out;
}

std::string who(const std::vector<std::string>& targets) {
  return targets.size() == 1 ? targets[0] : bracketed(targets);
}

}  // namespace

std::string format_duration(Nanos d) {
  const double ns = static_cast<double>(d.count());
  char buf[48];
  if (d.count() % 1'000'000'000 == 0 || std::abs(ns) >= 1e9)
    std::snprintf(buf, sizeof buf, "%gs", ns / 1e9);
  else if (d.count() % 1'000'000 == 0 || std::abs(ns) >= 1e6)
    std::snprintf(buf, sizeof buf, "%gms", ns / 1e6);
  else if (d.count() % 1'000 == 0 || std::abs(ns) >= 1e3)
    std::snprintf(buf, sizeof buf, "%gus", ns / 1e3);
  else
    std::snprintf(buf, sizeof buf, "%gns", ns);
  return buf;
}

FaultEvent resolve_fault(const FaultSpec& spec, const std::vector<std::string>& nodes, history::Rng& rng) {
  const FaultKind& kind = fault_kind(spec.kind);
  FaultEvent e;
  e.kind = spec.kind;
  if (kind.target == FaultTarget::Partition) {
    auto p = make_partition(spec, nodes, rng);
    e.grudge = std::move(p.grudge);
    e.description = std::move(p.description);
    e.stream.on_heal = spec.stream.on_heal;
    e.stream.refuse = spec.stream.refuse;
    if (spec.stream.on_heal == OnHeal::Reset) e.description += ", reset on heal";
    if (spec.stream.refuse) e.description += ", refusing new connections";
    return e;
  }
  if (kind.target == FaultTarget::Nodes) {
    e.nodes = select_nodes(spec.targets, nodes, rng);
    e.description = spec.kind + " " + who(e.nodes);
    if (kind.has(FaultParam::RestartAfter) && spec.restart_after)
      e.description += ", restart after " + format_duration(*spec.restart_after);
    if (kind.has(FaultParam::Wipe)) {
      e.wipe = spec.wipe;
      if (spec.wipe) e.description += " with its data wiped";
    }
    return e;
  }
  const auto set = select_links(spec.links, nodes, rng);
  if (set.links.empty() && set.client_nodes.empty())
    throw std::invalid_argument(spec.kind + " fault selects no link");
  e.links = set.links;
  e.include_clients = set.include_clients;
  e.nodes = set.client_nodes;
  e.description = spec.kind;
  if (kind.has(FaultParam::Latency)) {
    if (spec.latency.mean.count() < 0 || spec.latency.jitter.count() < 0)
      throw std::invalid_argument("latency mean and jitter must not be negative");
    e.latency = spec.latency;
    e.description += " " + std::string(distribution_name(spec.latency.distribution)) + " " +
                     format_duration(spec.latency.mean);
    if (spec.latency.jitter.count() > 0) e.description += " ±" + format_duration(spec.latency.jitter);
  }
  if (kind.has(FaultParam::Probability)) {
    if (!(spec.probability >= 0 && spec.probability <= 1))
      throw std::invalid_argument(spec.kind + " probability " + std::to_string(spec.probability) +
                                  " is outside [0, 1]");
    e.probability = spec.probability;
    e.description += " " + percent(spec.probability);
  }
  e.stream = spec.stream;
  if (kind.has(FaultParam::Rate)) e.description += " " + std::to_string(spec.stream.rate) + " B/s";
  if (kind.has(FaultParam::AfterBytes) && spec.stream.after_bytes > 0)
    e.description += " after " + std::to_string(spec.stream.after_bytes) + " bytes";
  if (kind.has(FaultParam::SliceSize))
    e.description += " " + std::to_string(spec.stream.slice.average) + " B";
  e.description += " on " + links_summary(spec.links, set, nodes);
  return e;
}

}  // namespace faultline::nemesis
