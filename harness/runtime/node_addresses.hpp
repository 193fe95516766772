#pragma once
// Where a tcp/udp node and its clients find things, from the run's address
// plan: the values of the networked templates ({{host}} {{addr.P}}
// {{peer.N.P}} {{peers.P}}), each node's /etc/hosts, and the map of
// addresses an adapter client is told on init. The loader has already
// checked every template's names, so filling cannot meet an unknown one.
#include <boost/json.hpp>
#include <string>

#include "harness/scenario/scenario.hpp"
#include "nemesis/proxy/address_plan.hpp"

namespace faultline::harness {

class NodeAddresses {
 public:
  NodeAddresses(const NodesSpec& nodes, const nemesis::proxy::AddressPlan& plan)
      : nodes_(nodes), plan_(plan) {}

  // `text` with every networked template filled as node `id` sees it; other
  // templates ({{node_id}}, ...) are left for the launch plan.
  std::string fill(const std::string& id, const std::string& text) const;
  // node id -> port name -> "ip:port" at which `source` (a node or client)
  // reaches it, through the proxy (a node reaches itself directly).
  boost::json::object reachable_from(const std::string& source) const;
  // The real "ip:port" of node `id`'s port `port` (readiness connects here).
  std::string real(const std::string& id, const std::string& port) const;

 private:
  std::string value(std::size_t self, const std::vector<std::string>& parts) const;
  std::string reach(std::size_t source, std::size_t node, std::uint16_t port) const;

  const NodesSpec& nodes_;
  const nemesis::proxy::AddressPlan& plan_;
};

}  // namespace faultline::harness
