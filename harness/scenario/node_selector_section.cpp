// Node specs: which nodes a fault touches.
#include <set>

#include "harness/scenario/readers.hpp"
#include "harness/scenario/sections.hpp"

namespace faultline::harness {

namespace {

const std::vector<std::string> kModes = {"one", "minority", "majority", "minority-third", "all"};

std::string allowed_forms() {
  return join(kModes) + ", a list of node names such as [n1, n2], or {random: k}";
}

bool check_names(const DocNode& list, const std::vector<std::string>& names, const std::string& path,
                 const SectionContext& ctx) {
  bool ok = true;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string& name = names[i];
    const std::string item_path = path + "[" + std::to_string(i) + "]";
    bool known = ctx.node_ids.empty();  // unknown ids: `nodes` is already in error
    for (const auto& id : ctx.node_ids) known = known || id == name;
    if (!known) {
      ctx.diag.error(list.items[i].loc,
                     item_path + " '" + name + "' is not a node" + did_you_mean(name, ctx.node_ids),
                     join(ctx.node_ids));
      ok = false;
    } else if (!seen.insert(name).second) {
      ctx.diag.error(list.items[i].loc, item_path + " '" + name + "' is listed twice", "each node once");
      ok = false;
    }
  }
  return ok;
}

}  // namespace

std::optional<NodeSelector> parse_node_selector(const DocNode& node, const std::string& path,
                                                const SectionContext& ctx) {
  NodeSelector selector;
  if (node.is_scalar()) {
    for (const auto& mode : kModes) {
      if (node.scalar == mode) {
        selector.mode = mode;
        return selector;
      }
    }
    // A bare node name is the likeliest slip; say how to write it.
    bool is_node = false;
    for (const auto& id : ctx.node_ids) is_node = is_node || id == node.scalar;
    ctx.diag.error(node.loc,
                   path + " has unknown node spec '" + node.scalar + "'" +
                       (is_node ? " (to name one node, write a list: [" + node.scalar + "])"
                                : did_you_mean(node.scalar, kModes)),
                   allowed_forms());
    return std::nullopt;
  }
  if (node.is_sequence()) {
    auto names = read_string_list(node, path, ctx.diag);
    if (!names) return std::nullopt;
    if (names->empty()) {
      ctx.diag.error(node.loc, path + " is an empty list of nodes", allowed_forms());
      return std::nullopt;
    }
    if (!check_names(node, *names, path, ctx)) return std::nullopt;
    selector.mode = "list";
    selector.names = std::move(*names);
    return selector;
  }
  if (node.is_map()) {
    MapView map(node, path, {"random"}, ctx.diag);
    const DocNode* k = map.require("random");
    if (!k || node.entries.size() != 1) return std::nullopt;
    const auto max = std::max<std::int64_t>(1, static_cast<std::int64_t>(ctx.node_ids.size()));
    auto count = read_int(*k, map.path_of("random"), 1, ctx.node_ids.empty() ? 100 : max, ctx.diag);
    if (!count) return std::nullopt;
    selector.mode = "random";
    selector.count = static_cast<int>(*count);
    return selector;
  }
  ctx.diag.error(node.loc, path + " must be a node spec, got " + node.describe(), allowed_forms());
  return std::nullopt;
}

}  // namespace faultline::harness
