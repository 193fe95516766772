#pragma once
// The scenario as a plain tree with a source location on every node.
//
// We copy yaml-cpp's tree into our own because CLI overrides (--set) splice
// values parsed from the command line into the file's tree, and an error in
// such a value must point at the override, not at a position in the file.
// yaml-cpp marks cannot say which text they belong to; a SourceLoc can.
#include <boost/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "harness/scenario/diagnostics.hpp"
#include "harness/scenario/scenario.hpp"

namespace faultline::harness {

struct DocNode;

struct DocKey {
  std::string text;
  SourceLoc loc;
};

struct DocEntry;

struct DocNode {
  enum class Kind { Null, Scalar, Sequence, Map };
  Kind kind = Kind::Null;
  std::string scalar;             // Scalar
  bool quoted = false;            // a quoted scalar is always a string, never a number or bool
  std::vector<DocNode> items;     // Sequence
  std::vector<DocEntry> entries;  // Map, in file order
  SourceLoc loc;

  bool is_null() const { return kind == Kind::Null; }
  bool is_scalar() const { return kind == Kind::Scalar; }
  bool is_sequence() const { return kind == Kind::Sequence; }
  bool is_map() const { return kind == Kind::Map; }

  // Map lookups; nullptr when absent or when this is not a map.
  const DocNode* find(std::string_view key) const;
  DocNode* find(std::string_view key);

  // For messages: "a map", "a list", "the string 'x'", "nothing".
  std::string describe() const;
};

// One key of a map and its value. (A named struct rather than std::pair:
// clang rejects a pair of a type that is still incomplete inside its own class.)
struct DocEntry {
  DocKey key;
  DocNode value;
};

// The largest document parse_yaml_document reads; scenarios are a few KiB.
inline constexpr std::size_t kMaxYamlBytes = 1 << 20;

// Parses one YAML document (yaml_reader.cpp). `origin` becomes SourceLoc::file of every node;
// `column_offset` shifts columns on the first line (for text that sits after a
// prefix, such as the value of `--set key=value`). Syntax errors, duplicate
// keys and non-scalar keys go to `diag`; the result is then a Null node. Never
// hangs, crashes or exhausts memory: input size, nesting depth and alias
// expansion are bounded, and a cyclic alias is an error.
DocNode parse_yaml_document(const std::string& text, const std::string& origin, Diagnostics& diag,
                            int column_offset = 0);

// YAML 1.2 core schema: plain true/false, null, integers and floats become JSON
// bools, nulls and numbers; everything else (and every quoted scalar) a string.
boost::json::value to_json(const DocNode& node);

}  // namespace faultline::harness
