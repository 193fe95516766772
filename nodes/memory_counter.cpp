// memory_counter (deliberately wrong under restarts): persistent_counter
// without the disk. It keeps its own adds only in memory and, believing its
// memory is the truth about them, never takes its own slot back from peers'
// gossip. After a kill and restart it counts its own adds from zero again:
// its own reads miss everything it acknowledged before the restart, and its
// peers (who keep the larger, older count) miss its new adds until they
// exceed the old ones. Final reads fall below the acknowledged total.
// Accepts and ignores --data-dir, to share command lines.
#include "lib/counter_node.hpp"

int main() {
  fl_node::CounterNodeOptions options;
  options.own_slot_from_memory_only = true;
  return fl_node::run_counter_node(options);
}
