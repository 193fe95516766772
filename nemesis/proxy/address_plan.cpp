#include "nemesis/proxy/address_plan.hpp"

#include <set>
#include <stdexcept>

namespace faultline::nemesis::proxy {

AddressPlan::AddressPlan(std::vector<std::string> nodes, std::vector<std::string> clients)
    : nodes_(std::move(nodes)), clients_(std::move(clients)) {
  if (nodes_.size() > kMaxNodes) {
    throw std::invalid_argument("a tcp/udp run has at most " + std::to_string(kMaxNodes) + " nodes, not " +
                                std::to_string(nodes_.size()));
  }
  if (source_count() > kMaxSources) {
    throw std::invalid_argument("a tcp/udp run has at most " + std::to_string(kMaxSources) +
                                " nodes and clients together, not " + std::to_string(source_count()));
  }
  std::set<std::string> seen;
  for (const auto* names : {&nodes_, &clients_}) {
    for (const auto& name : *names) {
      if (!seen.insert(name).second) throw std::invalid_argument("the name '" + name + "' is used twice");
    }
  }
}

int AddressPlan::node(const std::string& name) const {
  for (std::size_t k = 0; k < nodes_.size(); ++k)
    if (nodes_[k] == name) return static_cast<int>(k);
  return -1;
}

int AddressPlan::source(const std::string& name) const {
  if (int k = node(name); k >= 0) return k;
  for (std::size_t c = 0; c < clients_.size(); ++c)
    if (clients_[c] == name) return static_cast<int>(nodes_.size() + c);
  return -1;
}

boost::asio::ip::address_v4 AddressPlan::real_address(std::size_t node) const {
  return boost::asio::ip::make_address_v4(
      std::array<unsigned char, 4>{127, 0, 1, static_cast<unsigned char>(node + 1)});
}

boost::asio::ip::address_v4 AddressPlan::listener(std::size_t source, std::size_t node) const {
  return boost::asio::ip::make_address_v4(std::array<unsigned char, 4>{
      127, static_cast<unsigned char>(source + 1), static_cast<unsigned char>(node + 1), 1});
}

std::string AddressPlan::real(std::size_t node, std::uint16_t port) const {
  return real_address(node).to_string() + ":" + std::to_string(port);
}

std::string AddressPlan::via(std::size_t source, std::size_t node, std::uint16_t port) const {
  return listener(source, node).to_string() + ":" + std::to_string(port);
}

std::string AddressPlan::hosts_file(std::size_t node) const {
  std::string out = "# written by faultline: names resolve to this node's links through the proxy\n";
  out += "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n";
  for (std::size_t k = 0; k < nodes_.size(); ++k) {
    const auto address = k == node ? real_address(k) : listener(node, k);
    out += address.to_string() + "\t" + nodes_[k] + "\n";
  }
  return out;
}

}  // namespace faultline::nemesis::proxy
