#pragma once
// Where everything listens in a run's own network namespace. Each node gets
// its own real address; for every ordered pair (source, node) the proxy
// listens on an address only that source is told about, on the same port
// numbers as the node's real ports, so the source of every connection and
// datagram is known by construction and one membership string (etcd's
// --initial-cluster) reads the same on every member once names resolve per
// node (hosts_file).
//
//   node k's real address:            127.0.1.(k+1)
//   where source s reaches node k:    127.(s+1).(k+1).1
//
// Sources are the nodes first (node k is source k), then the clients.
// 127.0.0.1 stays free for whatever a node runs on localhost.
#include <array>
#include <boost/asio/ip/address_v4.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace faultline::nemesis::proxy {

class AddressPlan {
 public:
  static constexpr std::size_t kMaxNodes = 254;
  static constexpr std::size_t kMaxSources = 254;

  // Throws std::invalid_argument when there are more nodes or sources than
  // the plan has addresses for, or a name repeats.
  AddressPlan(std::vector<std::string> nodes, std::vector<std::string> clients);

  std::size_t node_count() const { return nodes_.size(); }
  std::size_t source_count() const { return nodes_.size() + clients_.size(); }
  const std::string& node_name(std::size_t node) const { return nodes_[node]; }
  // The source number of a node or client name; -1 if unknown.
  int source(const std::string& name) const;
  int node(const std::string& name) const;

  boost::asio::ip::address_v4 real_address(std::size_t node) const;
  boost::asio::ip::address_v4 listener(std::size_t source, std::size_t node) const;
  // "ip:port" strings, as templates and adapters want them.
  std::string real(std::size_t node, std::uint16_t port) const;
  std::string via(std::size_t source, std::size_t node, std::uint16_t port) const;

  // /etc/hosts as node `node` sees it: its own name at its real address,
  // every other node's name at the proxy listener for that pair.
  std::string hosts_file(std::size_t node) const;

 private:
  std::vector<std::string> nodes_;
  std::vector<std::string> clients_;
};

}  // namespace faultline::nemesis::proxy
