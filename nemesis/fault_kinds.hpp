#pragma once
// Every fault kind, one row each: its name, whether it acts on the network or
// on processes, which planes can carry it, what it selects, its parameters and
// how it applies. Parsing, resolving, recording, the link overlays and the
// driver all read this table, so adding a kind is one row plus its behaviour.
#include <string>
#include <string_view>
#include <vector>

#include <sys/types.h>

namespace faultline::nemesis {

struct FaultEvent;
struct LinkFaults;
class NodeControl;

enum class FaultClass { Network, Process };

// The planes that carry node traffic: stdio lines through the router, tcp
// byte streams and udp datagrams through the proxy.
enum Plane : unsigned { kStdio = 1u, kTcp = 2u, kUdp = 4u };
std::string_view plane_name(Plane plane);

// What a fault picks when it is resolved.
enum class FaultTarget {
  Partition,  // a grudge from a shape (shape, groups, targets, from, to)
  Links,      // directed links (from, to, between, direction, clients)
  Nodes,      // node processes (targets)
};

// A kind's own parameters, each one scenario key.
enum class FaultParam {
  Latency,
  Probability,
  RestartAfter,
  Wipe,
  Rate,            // bandwidth: bytes/s
  AfterBytes,      // reset
  SliceSize,       // slice: average bytes per write
  SliceVariation,  // slice: +- bytes
  SliceDelay,      // slice: pause between writes
  OnHeal,          // partition: resume | reset (tcp)
  Refuse,          // partition: refuse new connections (tcp)
};
std::string_view param_key(FaultParam param);

struct FaultKind {
  std::string_view name;
  FaultClass cls;
  unsigned planes;  // Plane bits
  FaultTarget target;
  std::vector<FaultParam> params;
  // Nodes: the selector mode when `targets` is not given.
  std::string_view default_targets = "one";
  // Lasts no time: its stop undoes nothing (restart).
  bool instant = false;
  // Network kinds: what an active window does to a link it touches.
  void (*overlay)(LinkFaults& link, const FaultEvent& fault) = nullptr;
  // Process kinds: the action on one target at the window's start and stop
  // (null: nothing); returns the pid acted on, -1 if none.
  pid_t (*start)(NodeControl& nodes, const std::string& node, const FaultEvent& fault) = nullptr;
  pid_t (*stop)(NodeControl& nodes, const std::string& node, const FaultEvent& fault) = nullptr;

  bool is_network() const { return cls == FaultClass::Network; }
  bool has(FaultParam param) const;
  bool on(Plane plane) const { return (planes & plane) != 0; }
  // The scenario keys the kind accepts besides `type`: selection, then params.
  std::vector<std::string> keys() const;
};

// Presentation order: network kinds first.
const std::vector<FaultKind>& fault_kinds();
std::vector<std::string> fault_kind_names();
const FaultKind* find_fault_kind(std::string_view name);  // nullptr if unknown
// Throws std::invalid_argument naming the allowed kinds.
const FaultKind& fault_kind(std::string_view name);

}  // namespace faultline::nemesis
