#include "nemesis/network.hpp"

#include <stdexcept>

namespace faultline::nemesis {

int Network::add_endpoint(std::string id, EndpointKind kind) {
  if (by_id_.count(id)) throw std::invalid_argument("duplicate endpoint id '" + id + "'");
  const int ep = static_cast<int>(endpoints_.size());
  by_id_[id] = ep;
  endpoints_.push_back({std::move(id), kind});
  if (kind == EndpointKind::Client) clients_.push_back(ep);
  // A client that joins while a client-link fault is open is under it too.
  if (!overlays_.empty()) recompute();
  return ep;
}

int Network::endpoint(const std::string& id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? -1 : it->second;
}

void Network::set_base(const LinkFaults& nodes, const LinkFaults& clients) {
  nodes_ = nodes;
  clients_base_ = clients;
  recompute();
  notify();
}

void Network::exempt_from_base(int endpoint) {
  endpoints_[endpoint].exempt = true;
  recompute();
  notify();
}

const LinkFaults& Network::base(int src, int dst) const {
  if (src == dst || endpoints_[src].exempt || endpoints_[dst].exempt) return none_;
  const bool client =
      endpoints_[src].kind == EndpointKind::Client || endpoints_[dst].kind == EndpointKind::Client;
  return client ? clients_base_ : nodes_;
}

const LinkFaults& Network::link(int src, int dst) const {
  if (!overridden_.empty()) {
    if (auto it = overridden_.find(key(src, dst)); it != overridden_.end()) {
      if (it->second.touched) ++fault_touches_;
      return it->second.faults;
    }
  }
  return base(src, dst);
}

void Network::apply(const FaultEvent& event) {
  if (!event.is_network()) return;
  if (event.start) ++windows_opened_;
  overlays_.apply(event);
  recompute();
  notify();
}

void Network::heal() {
  overlays_ = LinkOverlays{};
  recompute();
  notify();
}

// Which links an open window can touch: node-to-node (and service) links for
// every kind, plus client <-> node links of the nodes a client-link fault
// names. Only those get an entry, however many clients there are.
void Network::recompute() {
  overridden_.clear();
  if (overlays_.empty()) return;
  auto put = [this](int s, int d) {
    overridden_.insert_or_assign(key(s, d), Overridden{overlays_.effective(base(s, d), end(s), end(d)),
                                                       overlays_.touches_link(end(s), end(d))});
  };
  const int n = static_cast<int>(endpoints_.size());
  for (int s = 0; s < n; ++s) {
    if (endpoints_[s].kind == EndpointKind::Client) continue;
    for (int d = 0; d < n; ++d)
      if (endpoints_[d].kind != EndpointKind::Client) put(s, d);
  }
  for (const auto& node : overlays_.client_nodes()) {
    const int ep = endpoint(node);
    if (ep < 0) continue;
    for (int c : clients_) {
      put(c, ep);
      put(ep, c);
    }
  }
}

void Network::notify() {
  for (const auto& f : subscribers_) f();
}

}  // namespace faultline::nemesis
