#include "harness/runtime/proxy_wiring.hpp"

#include <fstream>
#include <stdexcept>

namespace faultline::harness {

namespace fs = std::filesystem;
namespace proxy = nemesis::proxy;

namespace {

// TCP and UDP links are described alike; only the plane's call differs.
template <class Spec>
Spec link_spec(int src, int dst, bool client, const std::string& name,
               const boost::asio::ip::address_v4& listen, const boost::asio::ip::address_v4& upstream,
               std::uint16_t port) {
  Spec spec;
  spec.src = src;
  spec.dst = dst;
  spec.client = client;
  spec.name = name;
  spec.listen = {listen, port};
  spec.upstream = {upstream, port};
  return spec;
}

}  // namespace

ProxyWiring::ProxyWiring(boost::asio::io_context& io, nemesis::Network& network, const Scenario& scenario,
                         const std::vector<std::string>& client_ids, const fs::path& run_dir)
    : scenario_(scenario),
      network_(network),
      plan_(scenario.nodes.ids, client_ids),
      addresses_(scenario.nodes, plan_),
      plane_(io, proxy::links_of(network), scenario.seed) {
  std::vector<int> node_endpoints;
  for (const auto& id : scenario.nodes.ids)
    node_endpoints.push_back(network.add_endpoint(id, nemesis::EndpointKind::Node));
  std::vector<int> client_endpoints;
  for (const auto& id : client_ids)
    client_endpoints.push_back(network.add_endpoint(id, nemesis::EndpointKind::Client));
  network.subscribe([this] { plane_.links_changed(); });

  for (std::size_t k = 0; k < node_endpoints.size(); ++k) add_links(k, node_endpoints[k], false);
  for (std::size_t c = 0; c < client_endpoints.size(); ++c)
    add_links(plan_.node_count() + c, client_endpoints[c], true);

  if (scenario.nodes.hosts) {
    const fs::path dir = fs::absolute(run_dir / "hosts");
    fs::create_directories(dir);
    for (std::size_t k = 0; k < plan_.node_count(); ++k) {
      const fs::path file = dir / plan_.node_name(k);
      std::ofstream out(file, std::ios::trunc);
      out << plan_.hosts_file(k);
      if (!out.flush()) throw std::runtime_error("cannot write " + file.string());
      hosts_files_[plan_.node_name(k)] = file;
    }
  }
}

ProxyWiring::~ProxyWiring() { plane_.stop(); }

void ProxyWiring::add_links(std::size_t source, int source_endpoint, bool client) {
  const std::string& source_name = client ? network_.endpoint_id(source_endpoint) : plan_.node_name(source);
  for (std::size_t k = 0; k < plan_.node_count(); ++k) {
    if (!client && k == source) continue;  // a node reaches itself directly
    const int dst = network_.endpoint(plan_.node_name(k));
    for (const auto& port : scenario_.nodes.ports) {
      const auto number = static_cast<std::uint16_t>(port.number);
      const std::string name = source_name + " -> " + plan_.node_name(k) + ":" + port.name;
      const auto listen = plan_.listener(source, k);
      const auto upstream = plan_.real_address(k);
      if (port.proto == "udp")
        plane_.add_udp(
            link_spec<proxy::UdpLinkSpec>(source_endpoint, dst, client, name, listen, upstream, number));
      else
        plane_.add_tcp(
            link_spec<proxy::TcpLinkSpec>(source_endpoint, dst, client, name, listen, upstream, number));
    }
  }
}

NodeAddressing ProxyWiring::node_addressing() const {
  NodeAddressing a;
  a.fill = [this](const std::string& id, const std::string& text) { return addresses_.fill(id, text); };
  if (!hosts_files_.empty()) {
    a.hosts_file = [this](const std::string& id) -> std::optional<fs::path> {
      auto it = hosts_files_.find(id);
      if (it == hosts_files_.end()) return std::nullopt;
      return it->second;
    };
  }
  return a;
}

ClientAddresses ProxyWiring::client_addresses() const {
  return [this](const std::string& client_id) { return addresses_.reachable_from(client_id); };
}

boost::asio::ip::tcp::endpoint ProxyWiring::real_endpoint(const std::string& node,
                                                          const std::string& port) const {
  const int k = plan_.node(node);
  const PortSpec* spec = scenario_.nodes.port(port);
  if (k < 0 || !spec) throw std::invalid_argument("no port " + port + " on node " + node);
  return {plan_.real_address(static_cast<std::size_t>(k)), static_cast<std::uint16_t>(spec->number)};
}

void ProxyWiring::node_killed(const std::string& node) {
  const int endpoint = network_.endpoint(node);
  if (endpoint >= 0) plane_.close_endpoint(endpoint);
}

}  // namespace faultline::harness
