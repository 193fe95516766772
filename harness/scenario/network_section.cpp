// `network:` — the standing link conditions for the whole run.
#include "harness/scenario/readers.hpp"
#include "harness/scenario/sections.hpp"

namespace faultline::harness {

namespace {

const std::vector<std::string> kOrderings = {"fifo", "reorder"};

void read_link_faults(const MapView& map, LinkFaults& out, Diagnostics& diag) {
  if (const DocNode* latency = map.get("latency")) {
    if (auto spec = parse_latency(*latency, map.path_of("latency"), diag)) out.latency = *spec;
  }
  if (const DocNode* loss = map.get("loss")) {
    if (auto p = read_probability(*loss, map.path_of("loss"), diag)) out.loss = *p;
  }
  if (const DocNode* duplicate = map.get("duplicate")) {
    if (auto p = read_probability(*duplicate, map.path_of("duplicate"), diag)) out.duplicate = *p;
  }
  if (const DocNode* ordering = map.get("ordering")) {
    if (auto name = read_enum(*ordering, map.path_of("ordering"), kOrderings, diag))
      out.ordering = *name == "fifo" ? Ordering::Fifo : Ordering::Reorder;
  }
}

// `trace: true`, or a map of its bounds (which turns it on).
void read_trace(const DocNode& node, NetworkSpec& spec, Diagnostics& diag) {
  spec.trace_loc = node.loc;
  if (!node.is_map()) {
    if (auto on = read_bool(node, "network.trace", diag)) spec.trace = *on;
    return;
  }
  MapView map(node, "network.trace", {"max_bytes", "body_bytes"}, diag);
  if (!map.ok()) return;
  spec.trace = true;
  if (const DocNode* max = map.get("max_bytes")) {
    if (auto n = read_int(*max, map.path_of("max_bytes"), 4096, std::int64_t{1} << 40, diag))
      spec.trace_limits.max_bytes = static_cast<std::size_t>(*n);
  }
  if (const DocNode* body = map.get("body_bytes")) {
    if (auto n = read_int(*body, map.path_of("body_bytes"), 0, std::int64_t{1} << 30, diag))
      spec.trace_limits.body_bytes = static_cast<std::size_t>(*n);
  }
}

}  // namespace

NetworkSpec parse_network(const DocNode& node, Diagnostics& diag) {
  NetworkSpec spec;
  MapView map(node, "network",
              {"latency", "loss", "duplicate", "ordering", "max_message_bytes", "clients", "trace"}, diag);
  if (!map.ok()) return spec;
  read_link_faults(map, spec.nodes, diag);
  if (const DocNode* max = map.get("max_message_bytes")) {
    // The router buffers a whole line per message; 1 GiB bounds that.
    if (auto n = read_int(*max, "network.max_message_bytes", 64, std::int64_t{1} << 30, diag))
      spec.max_message_bytes = static_cast<std::size_t>(*n);
  }
  if (const DocNode* trace = map.get("trace")) read_trace(*trace, spec, diag);
  if (const DocNode* clients = map.get("clients")) {
    MapView client_map(*clients, "network.clients", {"latency", "loss", "duplicate", "ordering"}, diag);
    if (client_map.ok()) read_link_faults(client_map, spec.clients, diag);
  }
  return spec;
}

}  // namespace faultline::harness
