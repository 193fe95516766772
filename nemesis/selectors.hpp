#pragma once
// Resolving the fault language's node and link selectors against a concrete
// cluster. Random picks draw from the caller's stream so a seed replays them.
#include <string>
#include <utility>
#include <vector>

#include "history/seed.hpp"
#include "nemesis/fault_spec.hpp"

namespace faultline::nemesis {

// Sizes follow Jepsen's node specs: majority = floor(n/2)+1; minority = the
// largest strict minority floor((n-1)/2), at least 1; minority-third =
// floor((n-1)/3), which may be 0 (then nothing is selected). `list` keeps the
// given order; every other mode returns the picked nodes in cluster order.
// Throws std::invalid_argument for an unknown mode, an unknown node name, or a
// `random` count outside [0, n].
std::vector<std::string> select_nodes(const NodeSelector& selector, const std::vector<std::string>& nodes,
                                      history::Rng& rng);

using Link = std::pair<std::string, std::string>;  // (src, dst), directed

// The links a non-partition network fault touches.
struct LinkSet {
  std::vector<Link> links;  // sorted, unique, never a self-link
  // The resolved sides, for descriptions (both the `between` set for between).
  std::vector<std::string> from, to;
  // Client <-> node links are included (both directions) for client_nodes.
  // Clients are not known when the schedule is built, so only the node side
  // of those links is resolved here.
  bool include_clients = false;
  std::vector<std::string> client_nodes;  // cluster order
};

// `between` S: every ordered pair within S. Otherwise from F (default all)
// to T (default all), plus T -> F when direction is "both". Combining
// `between` with `from`/`to`, or a direction other than "one-way"/"both",
// throws std::invalid_argument.
LinkSet select_links(const LinkSelector& selector, const std::vector<std::string>& nodes, history::Rng& rng);

// "[n1 n2 n3]", for fault descriptions.
std::string bracketed(const std::vector<std::string>& nodes);

}  // namespace faultline::nemesis
