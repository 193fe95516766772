// One fault: `{type: partition, shape: halves}` and friends.
#include <map>
#include <set>

#include "harness/scenario/protocol_support.hpp"
#include "harness/scenario/readers.hpp"
#include "harness/scenario/sections.hpp"
#include "nemesis/fault_kinds.hpp"

namespace faultline::harness {

namespace {

// The keys a fault kind accepts: `type`, then the kind's own.
std::vector<std::string> fault_keys(const nemesis::FaultKind& kind) {
  std::vector<std::string> keys = kind.keys();
  keys.insert(keys.begin(), "type");
  return keys;
}

const std::vector<std::string> kShapes = {"halves", "random-halves", "isolate", "majorities-ring",
                                          "bridge", "one-way",       "groups"};

// A key that only one shape uses, given with another shape.
void reject_for_shape(const MapView& map, std::string_view key, std::string_view needs_shape,
                      const std::string& shape, Diagnostics& diag) {
  if (const DocNode* value = map.get(key)) {
    diag.error(value->loc,
               map.path_of(key) + " is only used with shape " + std::string(needs_shape) + ", not " + shape);
  }
}

std::optional<std::vector<std::vector<std::string>>> read_groups(const DocNode& node, const std::string& path,
                                                                 const SectionContext& ctx) {
  const std::string allowed = "a list of node lists, e.g. [[n1, n2], [n3, n4, n5]]";
  if (!node.is_sequence() || node.items.empty()) {
    ctx.diag.error(node.loc, path + " must be a non-empty list of groups, got " + node.describe(), allowed);
    return std::nullopt;
  }
  std::vector<std::vector<std::string>> groups;
  std::map<std::string, std::string> owner;  // node -> the group path that has it
  bool ok = true;
  for (std::size_t g = 0; g < node.items.size(); ++g) {
    const DocNode& group = node.items[g];
    const std::string group_path = path + "[" + std::to_string(g) + "]";
    if (!group.is_sequence() || group.items.empty()) {
      ctx.diag.error(group.loc,
                     group_path + " must be a non-empty list of node names, got " + group.describe(),
                     allowed);
      ok = false;
      continue;
    }
    auto names = read_string_list(group, group_path, ctx.diag);
    if (!names) {
      ok = false;
      continue;
    }
    for (std::size_t i = 0; i < names->size(); ++i) {
      const std::string& name = (*names)[i];
      const std::string item_path = group_path + "[" + std::to_string(i) + "]";
      bool known = ctx.node_ids.empty();
      for (const auto& id : ctx.node_ids) known = known || id == name;
      if (!known) {
        ctx.diag.error(group.items[i].loc,
                       item_path + " '" + name + "' is not a node" + did_you_mean(name, ctx.node_ids),
                       join(ctx.node_ids));
        ok = false;
      } else if (auto [it, fresh] = owner.emplace(name, group_path); !fresh) {
        ctx.diag.error(group.items[i].loc, item_path + " '" + name + "' is already in " + it->second,
                       "each node in at most one group (unlisted nodes form one more group)");
        ok = false;
      }
    }
    groups.push_back(std::move(*names));
  }
  if (!ok) return std::nullopt;
  return groups;
}

void read_partition(const MapView& map, FaultSpec& fault, const SectionContext& ctx) {
  fault.shape = "halves";
  if (const DocNode* shape = map.get("shape")) {
    if (auto name = read_enum(*shape, map.path_of("shape"), kShapes, ctx.diag))
      fault.shape = *name;
    else
      return;  // the other keys depend on the shape
  }
  const std::string& shape = fault.shape;
  if (shape == "groups") {
    if (const DocNode* groups = map.require("groups")) {
      if (auto g = read_groups(*groups, map.path_of("groups"), ctx)) fault.groups = std::move(*g);
    }
  } else {
    reject_for_shape(map, "groups", "groups", shape, ctx.diag);
  }
  if (shape == "isolate") {
    fault.targets.mode = "one";
    if (const DocNode* targets = map.get("targets")) {
      if (auto s = parse_node_selector(*targets, map.path_of("targets"), ctx)) fault.targets = *s;
    }
  } else {
    reject_for_shape(map, "targets", "isolate", shape, ctx.diag);
  }
  if (shape == "one-way") {
    // Messages from `from` to `to` are dropped; the other direction flows.
    fault.links.from = NodeSelector{"one", {}, 1};
    fault.links.to = NodeSelector{"all", {}, 1};
    fault.links.direction = "one-way";
    if (const DocNode* from = map.get("from")) {
      if (auto s = parse_node_selector(*from, map.path_of("from"), ctx)) fault.links.from = *s;
    }
    if (const DocNode* to = map.get("to")) {
      if (auto s = parse_node_selector(*to, map.path_of("to"), ctx)) fault.links.to = *s;
    }
  } else {
    reject_for_shape(map, "from", "one-way", shape, ctx.diag);
    reject_for_shape(map, "to", "one-way", shape, ctx.diag);
  }
}

void read_link_selector(const MapView& map, LinkSelector& links, const SectionContext& ctx) {
  const DocNode* between = map.get("between");
  if (between && (map.has("from") || map.has("to"))) {
    ctx.diag.error(between->loc, map.path_of("between") + " cannot be combined with from/to",
                   "between: NODES, or from: NODES and/or to: NODES");
  }
  for (const char* key : {"from", "to", "between"}) {
    const DocNode* value = map.get(key);
    if (!value) continue;
    auto selector = parse_node_selector(*value, map.path_of(key), ctx);
    if (!selector) continue;
    if (std::string_view(key) == "from") links.from = *selector;
    if (std::string_view(key) == "to") links.to = *selector;
    if (std::string_view(key) == "between") links.between = *selector;
  }
  if (const DocNode* direction = map.get("direction")) {
    if (auto d = read_enum(*direction, map.path_of("direction"), {"one-way", "both"}, ctx.diag)) {
      links.direction = *d;
      if (*d == "one-way" && between) {
        ctx.diag.error(direction->loc, map.path_of("direction") + " one-way needs from/to to say which way",
                       "direction: both with between");
      }
    }
  }
  if (const DocNode* clients = map.get("clients")) {
    if (auto b = read_bool(*clients, map.path_of("clients"), ctx.diag)) links.clients = *b;
  }
}

constexpr std::int64_t kMaxBytes = std::int64_t{1} << 50;

// A kind's own parameter: latency and probability are required, the others
// optional.
void read_param(const MapView& map, nemesis::FaultParam param, FaultSpec& fault, const SectionContext& ctx) {
  const std::string key(nemesis::param_key(param));
  switch (param) {
    case nemesis::FaultParam::Latency:
      if (const DocNode* latency = map.require(key)) {
        if (auto spec = parse_latency(*latency, map.path_of(key), ctx.diag)) fault.latency = *spec;
      }
      break;
    case nemesis::FaultParam::Probability:
      if (const DocNode* p = map.require(key)) {
        if (auto v = read_probability(*p, map.path_of(key), ctx.diag)) fault.probability = *v;
      }
      break;
    case nemesis::FaultParam::RestartAfter:
      if (const DocNode* after = map.get(key)) {
        if (auto d = read_duration(*after, map.path_of(key), ctx.diag)) fault.restart_after = *d;
      }
      break;
    case nemesis::FaultParam::Wipe:
      if (const DocNode* wipe = map.get(key)) {
        if (auto b = read_bool(*wipe, map.path_of(key), ctx.diag)) fault.wipe = *b;
      }
      break;
    case nemesis::FaultParam::Rate:
      if (const DocNode* rate = map.require(key)) {
        if (auto v = read_int(*rate, map.path_of(key) + " (bytes per second)", 1, kMaxBytes, ctx.diag))
          fault.stream.rate = static_cast<std::uint64_t>(*v);
      }
      break;
    case nemesis::FaultParam::AfterBytes:
      if (const DocNode* after = map.get(key)) {
        if (auto v = read_int(*after, map.path_of(key), 0, kMaxBytes, ctx.diag))
          fault.stream.after_bytes = static_cast<std::uint64_t>(*v);
      }
      break;
    case nemesis::FaultParam::SliceSize:
      if (const DocNode* size = map.require(key)) {
        if (auto v = read_int(*size, map.path_of(key) + " (bytes)", 1, 1 << 20, ctx.diag))
          fault.stream.slice.average = static_cast<std::uint32_t>(*v);
      }
      break;
    case nemesis::FaultParam::SliceVariation:
      if (const DocNode* variation = map.get(key)) {
        if (auto v = read_int(*variation, map.path_of(key) + " (bytes)", 0, 1 << 20, ctx.diag))
          fault.stream.slice.variation = static_cast<std::uint32_t>(*v);
      }
      break;
    case nemesis::FaultParam::SliceDelay:
      if (const DocNode* delay = map.get(key)) {
        if (auto d = read_duration(*delay, map.path_of(key), ctx.diag)) fault.stream.slice.delay = *d;
      }
      break;
    case nemesis::FaultParam::OnHeal:
      if (const DocNode* on_heal = map.get(key)) {
        if (auto v = read_enum(*on_heal, map.path_of(key), {"resume", "reset"}, ctx.diag))
          fault.stream.on_heal = *v == "reset" ? nemesis::OnHeal::Reset : nemesis::OnHeal::Resume;
      }
      break;
    case nemesis::FaultParam::Refuse:
      if (const DocNode* refuse = map.get(key)) {
        if (auto b = read_bool(*refuse, map.path_of(key), ctx.diag)) fault.stream.refuse = *b;
      }
      break;
  }
}

}  // namespace

std::optional<FaultSpec> parse_fault(const DocNode& node, const std::string& path,
                                     const SectionContext& ctx) {
  const std::vector<std::string> types = nemesis::fault_kind_names();
  if (!node.is_map()) {
    ctx.diag.error(node.loc, path + " must be a map with a type, got " + node.describe(),
                   "{type: " + join(types, "|") + ", ...}");
    return std::nullopt;
  }
  const DocNode* type = node.find("type");
  if (!type) {
    ctx.diag.error(node.loc, "missing required key '" + path + ".type'", join(types));
    return std::nullopt;
  }
  auto kind = read_enum(*type, path + ".type", types, ctx.diag);
  if (!kind) return std::nullopt;

  const std::size_t errors_before = ctx.diag.error_count();
  const nemesis::FaultKind& row = nemesis::fault_kind(*kind);
  MapView map(node, path, fault_keys(row), ctx.diag);
  FaultSpec fault;
  fault.kind = *kind;
  fault.where = node.loc.str();
  if (auto reason = fault_unsupported_reason(ctx.protocol, *kind)) {
    std::vector<std::string> usable;
    for (const auto& t : types)
      if (!fault_unsupported_reason(ctx.protocol, t)) usable.push_back(t);
    ctx.diag.error(type->loc, path + ": " + *reason + " (nodes.protocol is " + ctx.protocol + ")",
                   join(usable));
  }

  switch (row.target) {
    case nemesis::FaultTarget::Partition:
      read_partition(map, fault, ctx);
      break;
    case nemesis::FaultTarget::Links:
      read_link_selector(map, fault.links, ctx);
      break;
    case nemesis::FaultTarget::Nodes:
      fault.targets.mode = std::string(row.default_targets);
      if (const DocNode* targets = map.get("targets")) {
        if (auto s = parse_node_selector(*targets, map.path_of("targets"), ctx)) fault.targets = *s;
      }
      break;
  }
  for (auto param : row.params) read_param(map, param, fault, ctx);
  if (ctx.diag.error_count() != errors_before) return std::nullopt;
  return fault;
}

}  // namespace faultline::harness
