#pragma once
// The templates a node's command and env may use, checked at load time so an
// unknown name is a scenario error with its file:line:column, never a node
// started with "{{...}}" in its argv.
//   {{node_id}} {{node_index}} {{data_dir}}   every protocol
//   {{host}}            tcp/udp: the node's own real IP
//   {{addr.P}}          tcp/udp: its own listen address for port P ("ip:port")
//   {{peer.N.P}}        tcp/udp: where this node reaches node N's port P (a proxy)
//   {{peers.P}}         tcp/udp: every other node's port P as this node reaches it, comma-separated
#include <string>
#include <vector>

#include "harness/scenario/diagnostics.hpp"
#include "harness/scenario/doc_node.hpp"
#include "harness/scenario/scenario.hpp"

namespace faultline::harness {

// One "{{...}}" reference, split at the dots: {"peer", "n2", "client"}.
struct TemplateRef {
  std::size_t begin = 0, end = 0;  // of the whole "{{...}}" in the text
  std::vector<std::string> parts;
};
// Every reference in `text`; false (with `error`) on a '{{' left open.
bool find_templates(const std::string& text, std::vector<TemplateRef>& refs, std::string& error);

// Reports each unknown or misplaced template of `text` at `where`.
void check_node_templates(const std::string& text, const DocNode& where, const std::string& path,
                          const NodesSpec& nodes, Diagnostics& diag);

}  // namespace faultline::harness
