#include "harness/scenario/node_templates.hpp"

#include <algorithm>

namespace faultline::harness {

namespace {
const std::vector<std::string> kPlain = {"node_id", "node_index", "data_dir"};
const std::vector<std::string> kNetworked = {"host", "addr.PORT", "peer.NODE.PORT", "peers.PORT"};

std::string trimmed(const std::string& s) {
  const auto first = s.find_first_not_of(' ');
  const auto last = s.find_last_not_of(' ');
  return first == std::string::npos ? "" : s.substr(first, last - first + 1);
}

std::string allowed(const NodesSpec& nodes) {
  std::vector<std::string> all = kPlain;
  if (nodes.protocol != "maelstrom") all.insert(all.end(), kNetworked.begin(), kNetworked.end());
  return "{{" + join(all, "}}, {{") + "}}";
}

std::vector<std::string> port_names(const NodesSpec& nodes) {
  std::vector<std::string> names;
  for (const auto& p : nodes.ports) names.push_back(p.name);
  return names;
}
}  // namespace

bool find_templates(const std::string& text, std::vector<TemplateRef>& refs, std::string& error) {
  std::size_t pos = 0;
  while ((pos = text.find("{{", pos)) != std::string::npos) {
    const std::size_t close = text.find("}}", pos + 2);
    if (close == std::string::npos) {
      error = "has '{{' without a closing '}}': " + text;
      return false;
    }
    TemplateRef ref{pos, close + 2, {}};
    const std::string name = trimmed(text.substr(pos + 2, close - pos - 2));
    std::size_t start = 0;
    for (std::size_t dot; (dot = name.find('.', start)) != std::string::npos; start = dot + 1)
      ref.parts.push_back(name.substr(start, dot - start));
    ref.parts.push_back(name.substr(start));
    refs.push_back(std::move(ref));
    pos = close + 2;
  }
  return true;
}

void check_node_templates(const std::string& text, const DocNode& where, const std::string& path,
                          const NodesSpec& nodes, Diagnostics& diag) {
  std::vector<TemplateRef> refs;
  std::string open_error;
  if (!find_templates(text, refs, open_error)) {
    diag.error(where.loc, path + " " + open_error, allowed(nodes));
    return;
  }
  const bool networked = nodes.protocol != "maelstrom";
  for (const auto& ref : refs) {
    const std::string shown = text.substr(ref.begin, ref.end - ref.begin);
    const auto& head = ref.parts.front();
    const std::size_t n = ref.parts.size();
    if (n == 1 && std::find(kPlain.begin(), kPlain.end(), head) != kPlain.end()) continue;
    const bool networked_form = (n == 1 && head == "host") ||
                                (n == 2 && (head == "addr" || head == "peers")) || (n == 3 && head == "peer");
    if (!networked_form) {
      diag.error(where.loc, path + " uses unknown template '" + shown + "'" + did_you_mean(head, kPlain),
                 allowed(nodes));
      continue;
    }
    if (!networked) {
      diag.error(where.loc, path + " uses '" + shown + "', which needs nodes.protocol tcp or udp",
                 "protocol: tcp (or udp) with ports: {NAME: NUMBER}");
      continue;
    }
    if (head == "peer" && !nodes.ids.empty() &&
        std::find(nodes.ids.begin(), nodes.ids.end(), ref.parts[1]) == nodes.ids.end()) {
      diag.error(where.loc,
                 path + " uses '" + shown + "', but there is no node '" + ref.parts[1] + "'" +
                     did_you_mean(ref.parts[1], nodes.ids),
                 "one of " + join(nodes.ids));
      continue;
    }
    if (n >= 2 && !nodes.port(ref.parts.back())) {
      const auto names = port_names(nodes);
      diag.error(
          where.loc,
          path + " uses '" + shown + "', but nodes.ports has no port '" + ref.parts.back() + "'" +
              did_you_mean(ref.parts.back(), names),
          names.empty() ? "declare it: ports: {" + ref.parts.back() + ": NUMBER}" : "one of " + join(names));
    }
  }
}

}  // namespace faultline::harness
