#pragma once
// The proxy plane of a tcp/udp run, wired to the run: every node and client
// an endpoint of the network owner, one proxy link per ordered (source,
// node, port) listening where only that source is told to connect, the
// plane re-reading link state whenever a fault starts or heals, per-node
// hosts files in the run dir, and the addresses nodes (templates) and
// adapter clients (init line) are given.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "harness/runtime/client_channels.hpp"
#include "harness/runtime/launch_plan.hpp"
#include "harness/runtime/node_addresses.hpp"
#include "harness/scenario/scenario.hpp"
#include "nemesis/network.hpp"
#include "nemesis/proxy/address_plan.hpp"
#include "nemesis/proxy/plane.hpp"

namespace faultline::harness {

class ProxyWiring {
 public:
  // Registers the endpoints, writes the hosts files and binds every
  // listener now, before any node starts. Throws std::runtime_error naming
  // the link and address when one cannot be bound.
  ProxyWiring(boost::asio::io_context& io, nemesis::Network& network, const Scenario& scenario,
              const std::vector<std::string>& client_ids, const std::filesystem::path& run_dir);
  ~ProxyWiring();

  NodeAddressing node_addressing() const;
  ClientAddresses client_addresses() const;
  // The node's real address for `port`, where a readiness connect goes.
  boost::asio::ip::tcp::endpoint real_endpoint(const std::string& node, const std::string& port) const;

  // A killed node's proxied connections close, as a dead host's would.
  void node_killed(const std::string& node);
  void stop() { plane_.stop(); }
  const nemesis::proxy::ProxyStats& stats() const { return plane_.stats(); }

 private:
  void add_links(std::size_t source, int source_endpoint, bool client);

  const Scenario& scenario_;
  nemesis::Network& network_;
  nemesis::proxy::AddressPlan plan_;
  NodeAddresses addresses_;
  nemesis::proxy::ProxyPlane plane_;
  std::map<std::string, std::filesystem::path> hosts_files_;
};

}  // namespace faultline::harness
