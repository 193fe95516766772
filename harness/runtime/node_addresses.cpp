#include "harness/runtime/node_addresses.hpp"

#include <stdexcept>

#include "harness/scenario/node_templates.hpp"

namespace faultline::harness {

namespace {
std::uint16_t port_number(const NodesSpec& nodes, const std::string& name) {
  const PortSpec* port = nodes.port(name);
  if (!port) throw std::invalid_argument("no port '" + name + "' in nodes.ports");
  return static_cast<std::uint16_t>(port->number);
}
}  // namespace

std::string NodeAddresses::reach(std::size_t source, std::size_t node, std::uint16_t port) const {
  return source == node ? plan_.real(node, port) : plan_.via(source, node, port);
}

std::string NodeAddresses::value(std::size_t self, const std::vector<std::string>& parts) const {
  const std::string& head = parts.front();
  if (parts.size() == 1 && head == "host") return plan_.real_address(self).to_string();
  if (parts.size() == 2 && head == "addr") return plan_.real(self, port_number(nodes_, parts[1]));
  if (parts.size() == 3 && head == "peer") {
    const int node = plan_.node(parts[1]);
    if (node < 0) throw std::invalid_argument("no node '" + parts[1] + "'");
    return reach(self, static_cast<std::size_t>(node), port_number(nodes_, parts[2]));
  }
  if (parts.size() == 2 && head == "peers") {
    const std::uint16_t port = port_number(nodes_, parts[1]);
    std::string list;
    for (std::size_t k = 0; k < plan_.node_count(); ++k) {
      if (k == self) continue;
      if (!list.empty()) list += ",";
      list += plan_.via(self, k, port);
    }
    return list;
  }
  return "";  // not a networked template: the launch plan fills it
}

std::string NodeAddresses::fill(const std::string& id, const std::string& text) const {
  const int self = plan_.node(id);
  if (self < 0) throw std::invalid_argument("no node '" + id + "'");
  std::vector<TemplateRef> refs;
  std::string error;
  if (!find_templates(text, refs, error)) return text;
  std::string out;
  std::size_t at = 0;
  for (const auto& ref : refs) {
    const std::string filled = value(static_cast<std::size_t>(self), ref.parts);
    if (filled.empty()) continue;
    out += text.substr(at, ref.begin - at) + filled;
    at = ref.end;
  }
  return out + text.substr(at);
}

boost::json::object NodeAddresses::reachable_from(const std::string& source) const {
  const int s = plan_.source(source);
  if (s < 0) throw std::invalid_argument("no node or client '" + source + "' in the address plan");
  boost::json::object nodes;
  for (std::size_t k = 0; k < plan_.node_count(); ++k) {
    boost::json::object ports;
    for (const auto& port : nodes_.ports)
      ports[port.name] = reach(static_cast<std::size_t>(s), k, static_cast<std::uint16_t>(port.number));
    nodes[plan_.node_name(k)] = std::move(ports);
  }
  return nodes;
}

std::string NodeAddresses::real(const std::string& id, const std::string& port) const {
  const int node = plan_.node(id);
  if (node < 0) throw std::invalid_argument("no node '" + id + "'");
  return plan_.real(static_cast<std::size_t>(node), port_number(nodes_, port));
}

}  // namespace faultline::harness
