#include "harness/scenario/doc_node.hpp"

#include <cmath>

#include "harness/scenario/scalars.hpp"

namespace faultline::harness {

const DocNode* DocNode::find(std::string_view key) const {
  if (kind != Kind::Map) return nullptr;
  for (const auto& [k, v] : entries)
    if (k.text == key) return &v;
  return nullptr;
}

DocNode* DocNode::find(std::string_view key) {
  return const_cast<DocNode*>(static_cast<const DocNode*>(this)->find(key));
}

std::string DocNode::describe() const {
  switch (kind) {
    case Kind::Null:
      return "nothing";
    case Kind::Map:
      return "a map";
    case Kind::Sequence:
      return "a list";
    case Kind::Scalar:
      return "'" + scalar + "'";
  }
  return "?";
}

boost::json::value to_json(const DocNode& node) {
  switch (node.kind) {
    case DocNode::Kind::Null:
      return nullptr;
    case DocNode::Kind::Scalar: {
      if (node.quoted) return boost::json::string(node.scalar);
      if (auto b = parse_bool(node.scalar)) return *b;
      if (is_null_word(node.scalar)) return nullptr;
      if (auto i = parse_int64(node.scalar)) return *i;
      if (auto u = parse_uint64(node.scalar)) return *u;
      if (auto d = parse_double(node.scalar); d && std::isfinite(*d)) return *d;
      return boost::json::string(node.scalar);
    }
    case DocNode::Kind::Sequence: {
      boost::json::array array;
      for (const auto& item : node.items) array.push_back(to_json(item));
      return array;
    }
    case DocNode::Kind::Map: {
      boost::json::object object;
      for (const auto& [key, value] : node.entries) object[key.text] = to_json(value);
      return object;
    }
  }
  return nullptr;
}

}  // namespace faultline::harness
