#include "harness/scenario/doc_node.hpp"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <set>

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

namespace {

class Converter {
 public:
  Converter(const std::string& origin, int column_offset, Diagnostics& diag)
      : origin_(origin), column_offset_(column_offset), diag_(diag) {}

  SourceLoc loc(const YAML::Mark& mark) const {
    if (mark.is_null()) return {origin_, 1, 1};
    const int column = mark.column + 1 + (mark.line == 0 ? column_offset_ : 0);
    return {origin_, mark.line + 1, column};
  }

  DocNode convert(const YAML::Node& node) {
    DocNode out;
    out.loc = loc(node.Mark());
    switch (node.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        out.kind = DocNode::Kind::Null;
        break;
      case YAML::NodeType::Scalar:
        out.kind = DocNode::Kind::Scalar;
        out.scalar = node.Scalar();
        // yaml-cpp tags plain scalars "?" and quoted ones "!" (non-specific).
        out.quoted = node.Tag() == "!";
        break;
      case YAML::NodeType::Sequence:
        out.kind = DocNode::Kind::Sequence;
        for (const auto& item : node) out.items.push_back(convert(item));
        break;
      case YAML::NodeType::Map: {
        out.kind = DocNode::Kind::Map;
        std::set<std::string> seen;
        for (const auto& pair : node) {
          const SourceLoc key_loc = loc(pair.first.Mark());
          if (!pair.first.IsScalar()) {
            diag_.error(key_loc, "a map key must be a plain name, not " +
                                     std::string(pair.first.IsMap() ? "a map" : "a list"));
            continue;
          }
          const std::string key = pair.first.Scalar();
          if (!seen.insert(key).second) {
            diag_.error(key_loc, "duplicate key '" + key + "' (only one may be given)");
            continue;
          }
          DocNode value = convert(pair.second);
          // `key:` with nothing after it has no mark of its own; point at the key.
          if (pair.second.Mark().is_null()) value.loc = key_loc;
          out.entries.emplace_back(DocKey{key, key_loc}, std::move(value));
        }
        break;
      }
    }
    return out;
  }

 private:
  const std::string& origin_;
  int column_offset_;
  Diagnostics& diag_;
};

}  // namespace

DocNode parse_yaml_document(const std::string& text, const std::string& origin, Diagnostics& diag,
                            int column_offset) {
  Converter converter(origin, column_offset, diag);
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(text);
  } catch (const YAML::Exception& e) {
    // ParserException carries where the syntax broke; its msg has no position.
    diag.error(converter.loc(e.mark), "YAML syntax error: " + e.msg);
    return DocNode{DocNode::Kind::Null, {}, false, {}, {}, {origin, 1, 1}};
  }
  if (documents.empty()) return DocNode{DocNode::Kind::Null, {}, false, {}, {}, {origin, 1, 1}};
  if (documents.size() > 1) {
    diag.error(converter.loc(documents[1].Mark()),
               "more than one YAML document ('---'); a scenario is exactly one");
  }
  return converter.convert(documents[0]);
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
