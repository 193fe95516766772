// g_counter: the correct answer to Maelstrom's g-counter workload. The
// g-counter generator only sends deltas >= 0, so a PN-counter is a G-counter
// here; it also stays correct should a negative delta arrive.
#include "lib/counter_node.hpp"

int main() { return fl_node::run_counter_node({}); }
