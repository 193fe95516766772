#pragma once
// Composing overlapping network faults on one link. Each active fault window
// is an overlay on the link's base faults; the effective state is recomputed
// from the base and the overlays still active, so when a window ends the link
// returns to exactly what it was before that window, whatever else started
// or stopped meanwhile.
#include <string>
#include <vector>

#include "nemesis/fault_event.hpp"
#include "nemesis/link_faults.hpp"

namespace faultline::nemesis {

// One end of a directed link. Clients are not node names: a client link is
// touched by a fault with include_clients whose `nodes` holds its node end.
struct LinkEnd {
  std::string id;
  bool client = false;
};

// Whether a network fault event applies to the link src -> dst. Partitions
// touch node-to-node links their grudge drops; other network faults touch
// their listed links and, with include_clients, client links of their nodes.
// Process faults touch no link.
bool touches(const FaultEvent& fault, const LinkEnd& src, const LinkEnd& dst);

// The link's effective faults: the base, then every active overlay touching
// the link in start order (later starts win per field: latency, loss,
// duplicate, reorder); partitioned if any active partition drops the link.
LinkFaults effective_link(const LinkFaults& base, const LinkEnd& src, const LinkEnd& dst,
                          const std::vector<const FaultEvent*>& active);

// The set of network fault windows open right now, fed with timeline events
// as they fire.
class LinkOverlays {
 public:
  // A start opens its window, a stop closes the window with its fault_id.
  // Process faults are ignored; a stop for an unknown id is a no-op.
  void apply(const FaultEvent& event);
  bool empty() const { return active_.empty(); }
  std::size_t size() const { return active_.size(); }
  LinkFaults effective(const LinkFaults& base, const LinkEnd& src, const LinkEnd& dst) const;
  // Whether some open window touches the link (it may still leave it as it was).
  bool touches_link(const LinkEnd& src, const LinkEnd& dst) const;
  // The node ends of client links some open window touches (include_clients).
  std::vector<std::string> client_nodes() const;

 private:
  std::vector<FaultEvent> active_;  // in start order
};

}  // namespace faultline::nemesis
