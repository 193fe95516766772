// `nodes.ports`, `nodes.ready`, `nodes.hosts`: what a tcp/udp node listens
// on and how the harness knows it is up.
#include <set>

#include "harness/scenario/node_templates.hpp"
#include "harness/scenario/readers.hpp"
#include "harness/scenario/sections.hpp"

namespace faultline::harness {

namespace {

const char* const kPortsHint = "ports: {client: 7000, peer: 7001} or {gossip: {port: 7946, proto: udp}}";

void parse_ports(const DocNode& node, NodesSpec& spec, Diagnostics& diag) {
  if (!node.is_map()) {
    diag.error(node.loc, "nodes.ports must be a map of port names, got " + node.describe(), kPortsHint);
    return;
  }
  std::set<std::pair<std::string, int>> taken;
  for (const auto& entry : node.entries) {
    const std::string path = "nodes.ports." + entry.key.text;
    PortSpec port;
    port.name = entry.key.text;
    port.proto = spec.protocol;
    port.loc = entry.value.loc;
    const DocNode* number = &entry.value;
    if (entry.value.is_map()) {
      MapView map(entry.value, path, {"port", "proto"}, diag);
      if (!map.ok()) continue;
      number = map.require("port");
      if (const DocNode* proto = map.get("proto")) {
        if (auto p = read_enum(*proto, path + ".proto", {"tcp", "udp"}, diag)) port.proto = *p;
      }
      if (!number) continue;
    }
    auto n = read_int(*number, path, 1, 65535, diag);
    if (!n) continue;
    port.number = static_cast<int>(*n);
    if (!taken.insert({port.proto, port.number}).second) {
      diag.error(number->loc,
                 path + " " + port.proto + " port " + std::to_string(port.number) +
                     " is already given to another port name: the node cannot listen on it twice",
                 "a different number per " + port.proto + " port");
      continue;
    }
    spec.ports.push_back(std::move(port));
  }
  if (spec.ports.empty() && node.entries.empty()) diag.error(node.loc, "nodes.ports is empty", kPortsHint);
}

void parse_ready(const DocNode& node, NodesSpec& spec, Diagnostics& diag) {
  MapView map(node, "nodes.ready", {"port", "command", "timeout"}, diag);
  if (!map.ok()) return;
  ReadySpec ready;
  ready.loc = node.loc;
  const DocNode* port = map.get("port");
  const DocNode* command = map.get("command");
  if ((port != nullptr) == (command != nullptr)) {
    diag.error(node.loc, "nodes.ready needs exactly one of port and command",
               "ready: {port: client, timeout: 20s} or ready: {command: [probe, ...], timeout: 20s}");
    return;
  }
  if (port) {
    auto name = read_string(*port, "nodes.ready.port", diag);
    if (!name) return;
    const PortSpec* declared = spec.port(*name);
    if (!declared) {
      std::vector<std::string> names;
      for (const auto& p : spec.ports) names.push_back(p.name);
      diag.error(port->loc,
                 "nodes.ready.port '" + *name + "' is not in nodes.ports" + did_you_mean(*name, names),
                 names.empty() ? "declare it in nodes.ports" : "one of " + join(names));
      return;
    }
    if (declared->proto != "tcp") {
      diag.error(port->loc,
                 "nodes.ready.port '" + *name +
                     "' is a udp port: readiness is a tcp connect, which udp cannot answer",
                 "a tcp port, or ready: {command: [probe, ...]}");
      return;
    }
    ready.port = *name;
  } else if (auto argv = read_string_list(*command, "nodes.ready.command", diag)) {
    if (argv->empty() || argv->front().empty()) {
      diag.error(command->loc, "nodes.ready.command must name a program first", "[program, arg, ...]");
      return;
    }
    for (std::size_t i = 0; i < argv->size(); ++i)
      check_node_templates((*argv)[i], command->items[i], "nodes.ready.command[" + std::to_string(i) + "]",
                           spec, diag);
    ready.command = std::move(*argv);
  }
  if (const DocNode* timeout = map.get("timeout")) {
    if (auto d = read_duration(*timeout, "nodes.ready.timeout", diag, Nanos{1})) ready.timeout = *d;
  }
  spec.ready = std::move(ready);
}

}  // namespace

void parse_networking(const MapView& nodes, NodesSpec& spec, Diagnostics& diag) {
  const bool networked = spec.protocol != "maelstrom";
  for (const char* key : {"ports", "ready", "hosts"}) {
    const DocNode* node = nodes.get(key);
    if (node && !networked) {
      diag.error(node->loc,
                 std::string("nodes.") + key + " applies to tcp and udp nodes only (nodes.protocol is " +
                     spec.protocol + ")",
                 "protocol: tcp or protocol: udp");
    }
  }
  if (!networked) return;
  if (const DocNode* ports = nodes.get("ports")) {
    parse_ports(*ports, spec, diag);
  } else {
    diag.error(nodes.node().loc,
               "nodes.protocol " + spec.protocol + " needs nodes.ports: the ports each node listens on",
               kPortsHint);
  }
  if (const DocNode* ready = nodes.get("ready")) {
    parse_ready(*ready, spec, diag);
  } else {
    for (const auto& p : spec.ports) {
      if (p.proto == "tcp") {
        spec.ready = ReadySpec{p.name, {}, std::chrono::seconds(20), nodes.node().loc};
        break;
      }
    }
    if (!spec.ready && !spec.ports.empty()) {
      diag.error(nodes.node().loc, "udp nodes need nodes.ready: no tcp port to connect to",
                 "ready: {command: [probe, ...], timeout: 20s}");
    }
  }
  if (const DocNode* hosts = nodes.get("hosts")) {
    if (auto b = read_bool(*hosts, "nodes.hosts", diag)) spec.hosts = *b;
  }
}

}  // namespace faultline::harness
