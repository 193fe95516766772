// persistent_counter: a PN-counter node that survives kill and restart. Its
// state is written durably to <data-dir>/state.json before every add_ok and
// reloaded at start, so no acknowledged add is ever forgotten.
// Usage: persistent_counter --data-dir DIR
#include "lib/counter_node.hpp"

#include <iostream>

int main(int argc, char** argv) {
  fl_node::CounterNodeOptions options;
  options.data_dir = fl_node::data_dir_argument(argc, argv);
  if (!options.data_dir) {
    std::cerr << "usage: persistent_counter --data-dir DIR" << std::endl;
    return 2;
  }
  return fl_node::run_counter_node(options);
}
