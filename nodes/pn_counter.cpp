// pn_counter: the correct answer to Maelstrom's pn-counter workload, a
// PN-counter CRDT gossiped as full state (see lib/counter_node.hpp).
#include "lib/counter_node.hpp"

int main() { return fl_node::run_counter_node({}); }
