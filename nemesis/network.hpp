#pragma once
// The one owner of link state. It holds the endpoint table, the standing
// conditions of the run (`network.nodes` / `network.clients` of a scenario)
// and the fault windows open right now, and answers what every directed link
// does: the base with the active overlays on top. Planes that carry traffic
// (the stdio router, the proxy) ask it per message or per connection and
// subscribe to hear when a fault starts or heals; nothing else writes link
// state. Single-threaded, like the run's event loop.
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "nemesis/endpoint.hpp"
#include "nemesis/fault_event.hpp"
#include "nemesis/link_faults.hpp"
#include "nemesis/link_overlay.hpp"

namespace faultline::nemesis {

class Network {
 public:
  Network() = default;
  Network(const Network&) = delete;
  Network& operator=(const Network&) = delete;

  // Throws std::invalid_argument for a duplicate id.
  int add_endpoint(std::string id, EndpointKind kind);
  int endpoint(const std::string& id) const;  // -1 if unknown
  const std::string& endpoint_id(int endpoint) const { return endpoints_[endpoint].id; }
  EndpointKind endpoint_kind(int endpoint) const { return endpoints_[endpoint].kind; }
  std::size_t endpoint_count() const { return endpoints_.size(); }

  // The standing conditions: `nodes` on node <-> node and node <-> service
  // links, `clients` on every link with a client end.
  void set_base(const LinkFaults& nodes, const LinkFaults& clients);
  // The harness's own control endpoint (init, setup) is not subject to the
  // standing conditions: a scenario's loss must not fail the cluster's init.
  void exempt_from_base(int endpoint);

  // What the link src -> dst does right now. Valid until the next change.
  const LinkFaults& link(int src, int dst) const;

  // A fault window's start opens its overlay, its stop closes it (by fault
  // id); process faults are ignored. Notifies the subscribers.
  void apply(const FaultEvent& event);
  // Closes every open window at once.
  void heal();
  std::size_t active_faults() const { return overlays_.size(); }

  // Network fault windows opened so far, and how many times a plane asked
  // for a link an open window touched (a message or datagram crossing it, a
  // byte-stream chunk, a live connection re-reading it). Windows but no
  // touches: the faults touched no traffic at all (a warning in the results).
  std::uint64_t windows_opened() const { return windows_opened_; }
  std::uint64_t fault_touches() const { return fault_touches_; }

  // Called after every change of link state; planes re-read their links.
  void subscribe(std::function<void()> changed) { subscribers_.push_back(std::move(changed)); }

 private:
  struct Endpoint {
    std::string id;
    EndpointKind kind;
    bool exempt = false;
  };
  static std::uint64_t key(int src, int dst) {
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(src)) << 32) |
           static_cast<std::uint32_t>(dst);
  }
  const LinkFaults& base(int src, int dst) const;
  LinkEnd end(int endpoint) const {
    return {endpoints_[endpoint].id, endpoints_[endpoint].kind == EndpointKind::Client};
  }
  void recompute();
  void notify();

  std::vector<Endpoint> endpoints_;
  std::unordered_map<std::string, int> by_id_;
  std::vector<int> clients_;  // endpoints of kind Client, for client-link overlays
  LinkFaults none_, nodes_, clients_base_;
  LinkOverlays overlays_;
  // Only links some open window touches have an entry; every other link is
  // its base. Memory stays linear in endpoints (10,000 clients, issue 9.13).
  struct Overridden {
    LinkFaults faults;
    bool touched = false;  // by an open window (not only recomputed alongside)
  };
  std::unordered_map<std::uint64_t, Overridden> overridden_;
  std::uint64_t windows_opened_ = 0;
  mutable std::uint64_t fault_touches_ = 0;
  std::vector<std::function<void()>> subscribers_;
};

}  // namespace faultline::nemesis
