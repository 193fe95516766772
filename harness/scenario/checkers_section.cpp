// `checkers:` — which checkers judge the history; empty means the workload's own.
#include "checkers/registry.hpp"
#include "harness/scenario/readers.hpp"
#include "harness/scenario/sections.hpp"

namespace faultline::harness {

std::vector<CheckerUse> parse_checkers(const DocNode& node, Diagnostics& diag) {
  std::vector<CheckerUse> out;
  if (node.is_null()) return out;
  std::vector<std::string> names;
  for (const auto& entry : checkers::checker_table()) names.push_back(entry.name);
  if (!node.is_sequence()) {
    diag.error(node.loc, "checkers must be a list, got " + node.describe(),
               "[name, {type: name, option: value}]");
    return out;
  }
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const DocNode& item = node.items[i];
    const std::string path = "checkers[" + std::to_string(i) + "]";
    CheckerUse use;
    use.loc = item.loc;
    const DocNode* type = &item;
    if (item.is_map()) {
      type = item.find("type");
      if (!type) {
        diag.error(item.loc, "missing required key '" + path + ".type'", join(names));
        continue;
      }
      // Options belong to the checker, which validates them when built; here
      // they only become JSON.
      for (const auto& [key, value] : item.entries)
        if (key.text != "type") use.options[key.text] = to_json(value);
    } else if (!item.is_scalar()) {
      diag.error(item.loc, path + " must be a checker name or a map with a type, got " + item.describe(),
                 join(names));
      continue;
    }
    auto name = read_enum(*type, item.is_map() ? path + ".type" : path, names, diag);
    if (!name) continue;
    use.type = *name;
    out.push_back(std::move(use));
  }
  return out;
}

}  // namespace faultline::harness
