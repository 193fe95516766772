#pragma once
// The shared body of the PN-counter nodes (g_counter, pn_counter,
// persistent_counter, memory_counter): add{delta} -> add_ok,
// read -> read_ok{value}, and a periodic full-state gossip to every peer.
// Full-state gossip needs no acks: a lost message is superseded by the next.
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

namespace fl_node {

struct CounterNodeOptions {
  // When set, the state lives in <data_dir>/state.json: loaded at start and
  // written durably before an add is acknowledged.
  std::optional<std::filesystem::path> data_dir;
  // When true, gossip never updates this node's own slot: its memory is taken
  // as the truth about its own adds. Right while the node lives; wrong after a
  // restart without persistence (memory_counter's flaw).
  bool own_slot_from_memory_only = false;
  std::chrono::milliseconds gossip_every{200};
};

// Runs the node until stdin closes; returns the exit status. A state file
// that cannot be read or parsed ends the node with status 1 and a log line.
int run_counter_node(const CounterNodeOptions& options);

// The value of "--data-dir DIR" (or "--data-dir=DIR") in argv, if given.
std::optional<std::filesystem::path> data_dir_argument(int argc, char** argv);

}  // namespace fl_node
