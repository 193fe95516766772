#include "nemesis/partition_shapes.hpp"

#include <algorithm>
#include <stdexcept>

#include "nemesis/selectors.hpp"

namespace faultline::nemesis {

namespace {

void require_nodes(const std::vector<std::string>& nodes, std::size_t at_least, const std::string& shape) {
  if (nodes.size() < at_least)
    throw std::invalid_argument("partition shape '" + shape + "' needs at least " + std::to_string(at_least) +
                                " nodes, the cluster has " + std::to_string(nodes.size()));
}

void require_known(const std::vector<std::string>& names, const std::vector<std::string>& nodes) {
  for (const auto& name : names)
    if (std::find(nodes.begin(), nodes.end(), name) == nodes.end())
      throw std::invalid_argument("node '" + name + "' is not in the cluster " + bracketed(nodes));
}

std::vector<std::string> rest_of(const std::vector<std::string>& nodes,
                                 const std::vector<std::string>& excluded) {
  std::vector<std::string> out;
  for (const auto& n : nodes)
    if (std::find(excluded.begin(), excluded.end(), n) == excluded.end()) out.push_back(n);
  return out;
}

// Jepsen's bisect: the first floor(n/2) nodes, then the rest.
std::pair<std::vector<std::string>, std::vector<std::string>> bisect(const std::vector<std::string>& nodes) {
  const auto mid = nodes.begin() + static_cast<std::ptrdiff_t>(nodes.size() / 2);
  return {{nodes.begin(), mid}, {mid, nodes.end()}};
}

std::vector<std::string> shuffled(std::vector<std::string> nodes, history::Rng& rng) {
  std::shuffle(nodes.begin(), nodes.end(), rng);
  return nodes;
}

std::vector<std::string> sorted_like(std::vector<std::string> subset, const std::vector<std::string>& nodes) {
  auto pos = [&](const std::string& n) { return std::find(nodes.begin(), nodes.end(), n); };
  std::sort(subset.begin(), subset.end(),
            [&](const std::string& a, const std::string& b) { return pos(a) < pos(b); });
  return subset;
}

Partition halves_of(const std::string& name, const std::vector<std::string>& ordered,
                    const std::vector<std::string>& nodes) {
  auto [a, b] = bisect(ordered);
  a = sorted_like(a, nodes);
  b = sorted_like(b, nodes);
  return {complete_grudge({a, b}), name + " " + bracketed(a) + " | " + bracketed(b)};
}

// The grudge of a node that sees exactly `view` (itself included).
std::set<std::string> outside(const std::vector<std::string>& nodes, const std::set<std::string>& view) {
  std::set<std::string> out;
  for (const auto& n : nodes)
    if (!view.count(n)) out.insert(n);
  return out;
}

std::string describe_views(const std::string& name, const std::vector<std::string>& nodes,
                           const Grudge& grudge) {
  std::string out = name;
  for (const auto& n : nodes) {
    std::vector<std::string> view;
    for (const auto& m : nodes)
      if (!drops(grudge, m, n)) view.push_back(m);
    out += " " + n + ":" + bracketed(view);
  }
  return out;
}

}  // namespace

bool drops(const Grudge& grudge, const std::string& src, const std::string& dst) {
  auto it = grudge.find(dst);
  return it != grudge.end() && it->second.count(src) > 0;
}

Grudge complete_grudge(const std::vector<std::vector<std::string>>& components) {
  Grudge grudge;
  for (std::size_t i = 0; i < components.size(); ++i)
    for (const auto& dst : components[i])
      for (std::size_t j = 0; j < components.size(); ++j)
        if (j != i)
          for (const auto& src : components[j]) grudge[dst].insert(src);
  return grudge;
}

Partition partition_halves(const std::vector<std::string>& nodes) {
  require_nodes(nodes, 2, "halves");
  return halves_of("halves", nodes, nodes);
}

Partition partition_random_halves(const std::vector<std::string>& nodes, history::Rng& rng) {
  require_nodes(nodes, 2, "random-halves");
  return halves_of("random-halves", shuffled(nodes, rng), nodes);
}

Partition partition_isolate(const std::vector<std::string>& targets, const std::vector<std::string>& nodes) {
  require_known(targets, nodes);
  const auto rest = rest_of(nodes, targets);
  if (targets.empty() || rest.empty())
    throw std::invalid_argument(
        "partition shape 'isolate' needs at least one target and one "
        "other node (targets " +
        bracketed(targets) + " of " + bracketed(nodes) + ")");
  const auto ordered = sorted_like(targets, nodes);
  const std::string who = ordered.size() == 1 ? ordered[0] : bracketed(ordered);
  return {complete_grudge({ordered, rest}), "isolate " + who};
}

Partition partition_majorities_ring(const std::vector<std::string>& nodes, history::Rng& rng) {
  require_nodes(nodes, 3, "majorities-ring");
  const std::size_t n = nodes.size();
  const std::size_t m = n / 2 + 1;
  Grudge grudge;
  if (n <= 5) {
    // Windows of m consecutive nodes around a shuffled ring; each window's
    // middle node sees it. Rotations of one ring are pairwise distinct.
    const auto ring = shuffled(nodes, rng);
    for (std::size_t start = 0; start < n; ++start) {
      std::set<std::string> view;
      for (std::size_t k = 0; k < m; ++k) view.insert(ring[(start + k) % n]);
      const auto& owner = ring[(start + m / 2) % n];
      auto dropped = outside(nodes, view);
      if (!dropped.empty()) grudge[owner] = std::move(dropped);
    }
  } else {
    // There are C(n-1, m-1) >= 10 majorities containing each node, so
    // rejection sampling for distinct views ends quickly; the bound only
    // guards against a logic error turning into a hang.
    std::set<std::set<std::string>> taken;
    for (const auto& owner : shuffled(nodes, rng)) {
      const auto others = rest_of(nodes, {owner});
      for (int attempt = 0;; ++attempt) {
        if (attempt == 10000)
          throw std::logic_error("majorities-ring: no distinct majority found for " + owner);
        auto pick = shuffled(others, rng);
        std::set<std::string> view(pick.begin(), pick.begin() + static_cast<std::ptrdiff_t>(m - 1));
        view.insert(owner);
        if (taken.insert(view).second) {
          grudge[owner] = outside(nodes, view);
          break;
        }
      }
    }
  }
  return {grudge, describe_views("majorities-ring", nodes, grudge)};
}

Partition partition_bridge(const std::vector<std::string>& nodes, history::Rng& rng) {
  require_nodes(nodes, 3, "bridge");
  auto [smaller, larger] = bisect(shuffled(nodes, rng));
  const std::string bridge = larger.front();
  larger.erase(larger.begin());
  const auto a = sorted_like(smaller, nodes);
  const auto b = sorted_like(larger, nodes);
  return {complete_grudge({a, b}), "bridge " + bridge + " between " + bracketed(a) + " | " + bracketed(b)};
}

Partition partition_one_way(const std::vector<std::string>& from, const std::vector<std::string>& to,
                            const std::vector<std::string>& nodes) {
  require_known(from, nodes);
  require_known(to, nodes);
  Grudge grudge;
  for (const auto& dst : to)
    for (const auto& src : from)
      if (src != dst) grudge[dst].insert(src);
  if (grudge.empty())
    throw std::invalid_argument("partition shape 'one-way' from " + bracketed(from) + " to " + bracketed(to) +
                                " cuts no link");
  return {grudge, "one-way " + bracketed(sorted_like(from, nodes)) + " -/-> " +
                      bracketed(sorted_like(to, nodes)) + " (reverse flows)"};
}

Partition partition_groups(const std::vector<std::vector<std::string>>& groups,
                           const std::vector<std::string>& nodes) {
  std::vector<std::vector<std::string>> components;
  std::vector<std::string> listed;
  for (const auto& group : groups) {
    if (group.empty()) throw std::invalid_argument("partition shape 'groups': a group is empty");
    require_known(group, nodes);
    for (const auto& n : group) {
      if (std::find(listed.begin(), listed.end(), n) != listed.end())
        throw std::invalid_argument("partition shape 'groups': node '" + n + "' is in more than one group");
      listed.push_back(n);
    }
    components.push_back(group);
  }
  const auto implicit = rest_of(nodes, listed);
  if (!implicit.empty()) components.push_back(implicit);
  if (components.size() < 2)
    throw std::invalid_argument(
        "partition shape 'groups' needs at least two groups (nodes not "
        "listed form one more); got " +
        std::to_string(components.size()));
  std::string description = "groups";
  for (std::size_t i = 0; i < components.size(); ++i) {
    description += (i ? " | " : " ") + bracketed(components[i]);
    if (!implicit.empty() && i + 1 == components.size()) description += " (implicit)";
  }
  return {complete_grudge(components), description};
}

Partition make_partition(const FaultSpec& spec, const std::vector<std::string>& nodes, history::Rng& rng) {
  const std::string& shape = spec.shape;
  if (shape == "halves") return partition_halves(nodes);
  if (shape == "random-halves") return partition_random_halves(nodes, rng);
  if (shape == "majorities-ring") return partition_majorities_ring(nodes, rng);
  if (shape == "bridge") return partition_bridge(nodes, rng);
  if (shape == "groups") return partition_groups(spec.groups, nodes);
  if (shape == "isolate") {
    NodeSelector targets = spec.targets;
    if (targets.mode == "all") targets.mode = "one";
    return partition_isolate(select_nodes(targets, nodes, rng), nodes);
  }
  if (shape == "one-way") {
    NodeSelector one;
    one.mode = "one";
    const auto from = select_nodes(spec.links.from.value_or(one), nodes, rng);
    const auto to = spec.links.to ? select_nodes(*spec.links.to, nodes, rng) : rest_of(nodes, from);
    return partition_one_way(from, to, nodes);
  }
  throw std::invalid_argument("unknown partition shape '" + shape +
                              "' (allowed: halves, random-halves, isolate, majorities-ring, "
                              "bridge, one-way, groups)");
}

}  // namespace faultline::nemesis
