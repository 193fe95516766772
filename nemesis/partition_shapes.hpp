#pragma once
// Partition shapes as grudges. A grudge maps each destination node to the
// sources whose messages it drops, as Jepsen's iptables INPUT rules do; one-way
// partitions are just asymmetric grudges.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "history/seed.hpp"
#include "nemesis/fault_spec.hpp"

namespace faultline::nemesis {

// dest -> sources it drops. Nodes that drop nothing have no entry.
using Grudge = std::map<std::string, std::set<std::string>>;

struct Partition {
  Grudge grudge;
  std::string description;  // e.g. "halves [n1 n2] | [n3 n4 n5]"
};

// Whether the grudge drops messages from `src` to `dst`.
bool drops(const Grudge& grudge, const std::string& src, const std::string& dst);

// Every node drops every node outside its own component.
Grudge complete_grudge(const std::vector<std::vector<std::string>>& components);

// All shapes throw std::invalid_argument when the cluster is too small for the
// shape or the selection would cut nothing, rather than injecting a no-op.

// Cluster order split in two, the smaller half first (Jepsen's bisect).
Partition partition_halves(const std::vector<std::string>& nodes);
// The same after a seeded shuffle.
Partition partition_random_halves(const std::vector<std::string>& nodes, history::Rng& rng);
// `targets` (together) against the rest.
Partition partition_isolate(const std::vector<std::string>& targets, const std::vector<std::string>& nodes);
// Every node sees a majority (itself included) and no two see the same one.
// Exact rotation of a shuffled ring for n <= 5, as Jepsen; for larger
// clusters each node draws a distinct random majority containing itself.
// Needs n >= 3 (with fewer there is only one majority).
Partition partition_majorities_ring(const std::vector<std::string>& nodes, history::Rng& rng);
// Shuffled halves; the first node of the larger half keeps both sides and
// both sides keep it. Needs n >= 3.
Partition partition_bridge(const std::vector<std::string>& nodes, history::Rng& rng);
// Messages FROM `from` TO `to` are dropped; `to` still reaches `from`.
// A node never drops itself.
Partition partition_one_way(const std::vector<std::string>& from, const std::vector<std::string>& to,
                            const std::vector<std::string>& nodes);
// Explicit groups; nodes named in no group form one more, implicit group
// (as blockade does).
Partition partition_groups(const std::vector<std::vector<std::string>>& groups,
                           const std::vector<std::string>& nodes);

// Dispatch on spec.shape. Targets come from the spec:
//  isolate: spec.targets; the default selector ("all", which would isolate
//           nothing from nobody) means one random node.
//  one-way: spec.links.from (default: one random node) and spec.links.to
//           (default: every node not in `from`).
//  groups:  spec.groups.
Partition make_partition(const FaultSpec& spec, const std::vector<std::string>& nodes, history::Rng& rng);

}  // namespace faultline::nemesis
