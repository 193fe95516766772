#pragma once
// Typed reads from a DocNode. Each reports a problem to Diagnostics (with the
// node's location, the dotted path of the key and what is allowed) and returns
// nullopt, so validation carries on and finds the next problem too.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "harness/scenario/diagnostics.hpp"
#include "harness/scenario/doc_node.hpp"

namespace faultline::harness {

// A map whose keys are checked against an allowed set up front. A Null node
// (`network:` with nothing under it) reads as an empty map.
class MapView {
 public:
  MapView(const DocNode& node, std::string path, std::vector<std::string> allowed, Diagnostics& diag);

  bool ok() const { return ok_; }  // the node was a map (or empty)
  const DocNode& node() const { return node_; }
  const std::string& path() const { return path_; }
  std::string path_of(std::string_view key) const;

  const DocNode* get(std::string_view key) const;  // nullptr when absent
  bool has(std::string_view key) const { return get(key) != nullptr; }
  // Reports "missing required key" at the map when absent.
  const DocNode* require(std::string_view key) const;

 private:
  const DocNode& node_;
  std::string path_;
  Diagnostics& diag_;
  bool ok_ = false;
};

std::optional<std::string> read_string(const DocNode& node, const std::string& path, Diagnostics& diag);
std::optional<bool> read_bool(const DocNode& node, const std::string& path, Diagnostics& diag);
std::optional<std::int64_t> read_int(const DocNode& node, const std::string& path, std::int64_t min,
                                     std::int64_t max, Diagnostics& diag);
std::optional<std::uint64_t> read_uint64(const DocNode& node, const std::string& path, Diagnostics& diag);
std::optional<double> read_number(const DocNode& node, const std::string& path, double min, double max,
                                  Diagnostics& diag);
// 0..1, or a percentage "5%".
std::optional<double> read_probability(const DocNode& node, const std::string& path, Diagnostics& diag);
// `min` is inclusive; pass 1ns to require a positive duration.
std::optional<Nanos> read_duration(const DocNode& node, const std::string& path, Diagnostics& diag,
                                   Nanos min = Nanos{0});
// "A..B" or a single duration.
std::optional<std::pair<Nanos, Nanos>> read_duration_range(const DocNode& node, const std::string& path,
                                                           Diagnostics& diag);
std::optional<std::string> read_enum(const DocNode& node, const std::string& path,
                                     const std::vector<std::string>& allowed, Diagnostics& diag);
// A list of scalars (numbers are taken as their text).
std::optional<std::vector<std::string>> read_string_list(const DocNode& node, const std::string& path,
                                                         Diagnostics& diag);
std::optional<std::map<std::string, std::string>> read_string_map(const DocNode& node,
                                                                  const std::string& path, Diagnostics& diag);

}  // namespace faultline::harness
