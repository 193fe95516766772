#include "nemesis/selectors.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace faultline::nemesis {

namespace {

// A uniformly random subset of `k` nodes, returned in cluster order so that
// descriptions and grudges read the same way whatever the draw.
std::vector<std::string> random_subset(const std::vector<std::string>& nodes, std::size_t k,
                                       history::Rng& rng) {
  std::vector<std::size_t> order(nodes.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), rng);
  order.resize(std::min(k, order.size()));
  std::sort(order.begin(), order.end());
  std::vector<std::string> out;
  out.reserve(order.size());
  for (std::size_t i : order) out.push_back(nodes[i]);
  return out;
}

std::vector<std::string> in_cluster_order(const std::vector<std::string>& nodes,
                                          const std::set<std::string>& picked) {
  std::vector<std::string> out;
  for (const auto& n : nodes)
    if (picked.count(n)) out.push_back(n);
  return out;
}

}  // namespace

std::vector<std::string> select_nodes(const NodeSelector& selector, const std::vector<std::string>& nodes,
                                      history::Rng& rng) {
  const std::size_t n = nodes.size();
  const std::string& mode = selector.mode;
  if (mode == "all") return nodes;
  if (mode == "list") {
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (const auto& name : selector.names) {
      if (std::find(nodes.begin(), nodes.end(), name) == nodes.end())
        throw std::invalid_argument("node '" + name + "' is not in the cluster " + bracketed(nodes));
      if (seen.insert(name).second) out.push_back(name);
    }
    return out;
  }
  if (n == 0) return {};
  if (mode == "one") return random_subset(nodes, 1, rng);
  if (mode == "minority") return random_subset(nodes, std::max<std::size_t>(1, (n - 1) / 2), rng);
  if (mode == "majority") return random_subset(nodes, n / 2 + 1, rng);
  if (mode == "minority-third") return random_subset(nodes, (n - 1) / 3, rng);
  if (mode == "random") {
    if (selector.count < 0 || static_cast<std::size_t>(selector.count) > n)
      throw std::invalid_argument("random node count " + std::to_string(selector.count) + " is outside 0.." +
                                  std::to_string(n) + " (the cluster size)");
    return random_subset(nodes, static_cast<std::size_t>(selector.count), rng);
  }
  throw std::invalid_argument("unknown node selector '" + mode +
                              "' (allowed: one, minority, majority, minority-third, all, "
                              "random, list)");
}

LinkSet select_links(const LinkSelector& selector, const std::vector<std::string>& nodes, history::Rng& rng) {
  if (selector.direction != "one-way" && selector.direction != "both")
    throw std::invalid_argument("unknown link direction '" + selector.direction +
                                "' (allowed: one-way, both)");
  std::set<Link> links;
  std::set<std::string> touched;
  LinkSet out;
  if (selector.between) {
    if (selector.from || selector.to)
      throw std::invalid_argument("links: `between` cannot be combined with `from`/`to`");
    const auto group = select_nodes(*selector.between, nodes, rng);
    for (const auto& a : group)
      for (const auto& b : group)
        if (a != b) links.emplace(a, b);
    touched.insert(group.begin(), group.end());
    out.from = out.to = group;
  } else {
    const auto from = selector.from ? select_nodes(*selector.from, nodes, rng) : nodes;
    const auto to = selector.to ? select_nodes(*selector.to, nodes, rng) : nodes;
    for (const auto& a : from)
      for (const auto& b : to) {
        if (a == b) continue;
        links.emplace(a, b);
        if (selector.direction == "both") links.emplace(b, a);
      }
    touched.insert(from.begin(), from.end());
    touched.insert(to.begin(), to.end());
    out.from = from;
    out.to = to;
  }
  out.links.assign(links.begin(), links.end());
  out.include_clients = selector.clients;
  if (selector.clients) out.client_nodes = in_cluster_order(nodes, touched);
  return out;
}

std::string bracketed(const std::vector<std::string>& nodes) {
  std::string out = "[";
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (i) out += ' ';
    out += nodes[i];
  }
  return out + "]";
}

}  // namespace faultline::nemesis
