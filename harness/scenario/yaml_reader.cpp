// parse_yaml_document on libyaml's event parser (Debian's libyaml, the
// reference C parser, fuzzed upstream). We build the DocNode tree from events
// ourselves instead of using a composing library, because that is where the
// known failures of such libraries live: yaml-cpp 0.7 loops until bad_alloc
// on a file holding just ",", overflows the stack on a cyclic alias
// (`x: &a [1, *a]`) and expands a few hundred bytes of nested aliases into
// gigabytes. Here input size, nesting depth and alias expansion are bounded,
// and an alias may only name a node that is already complete.
#include <yaml.h>

#include <memory>
#include <optional>
#include <set>
#include <unordered_map>

#include "harness/scenario/doc_node.hpp"
#include "harness/scenario/scalars.hpp"

namespace faultline::harness {

namespace {

constexpr std::size_t kMaxDepth = 64;
constexpr std::size_t kMaxYamlNodes = 100'000;  // after alias expansion

std::size_t count_nodes(const DocNode& node) {
  std::size_t n = 1;
  for (const auto& item : node.items) n += count_nodes(item);
  for (const auto& [key, value] : node.entries) n += 1 + count_nodes(value);
  return n;
}

class TreeBuilder {
 public:
  TreeBuilder(const std::string& origin, int column_offset, Diagnostics& diag)
      : origin_(origin), column_offset_(column_offset), diag_(diag) {}

  SourceLoc loc(const yaml_mark_t& mark) const {
    const int line = static_cast<int>(mark.line);
    const int column = static_cast<int>(mark.column) + 1 + (line == 0 ? column_offset_ : 0);
    return {origin_, line + 1, column};
  }

  // Consumes one event; false once the tree is complete or an error stopped it.
  bool on_event(const yaml_event_t& event) {
    const SourceLoc where = loc(event.start_mark);
    switch (event.type) {
      case YAML_DOCUMENT_START_EVENT:
        if (++documents_ > 1)
          return fail(where, "more than one YAML document ('---'); a scenario is exactly one");
        return true;
      case YAML_SCALAR_EVENT: {
        if (!count(1, where)) return false;
        const auto& data = event.data.scalar;
        const bool no_text = data.style == YAML_PLAIN_SCALAR_STYLE && data.length == 0;
        return add(scalar(data, where), anchor_of(data.anchor), no_text);
      }
      case YAML_SEQUENCE_START_EVENT:
        return open(DocNode::Kind::Sequence, where, anchor_of(event.data.sequence_start.anchor));
      case YAML_MAPPING_START_EVENT:
        return open(DocNode::Kind::Map, where, anchor_of(event.data.mapping_start.anchor));
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        return close();
      case YAML_ALIAS_EVENT:
        return alias(anchor_of(event.data.alias.anchor), where);
      case YAML_STREAM_END_EVENT:
        return false;
      default:
        return true;
    }
  }

  bool fail(const SourceLoc& where, const std::string& what) {
    diag_.error(where, what);
    failed_ = true;
    return false;
  }
  bool failed() const { return failed_; }
  DocNode take_root() { return std::move(root_); }

 private:
  struct Frame {
    DocNode node;
    std::string anchor;
    std::optional<DocKey> key;  // a map's key waiting for its value
    bool skip_value = false;    // the key was bad: drop its value
    std::set<std::string> keys;
  };

  static std::string anchor_of(const yaml_char_t* anchor) {
    return anchor ? reinterpret_cast<const char*>(anchor) : "";
  }

  static DocNode scalar(const decltype(yaml_event_t::data.scalar)& s, const SourceLoc& where) {
    DocNode node;
    node.loc = where;
    node.scalar.assign(reinterpret_cast<const char*>(s.value), s.length);
    const bool plain = s.style == YAML_PLAIN_SCALAR_STYLE;
    const bool str_tag = s.tag && std::string_view(reinterpret_cast<const char*>(s.tag)) == YAML_STR_TAG;
    node.quoted = !plain || str_tag;
    // As a composing parser would: an unquoted null word (or nothing at all) is a null node.
    node.kind = !node.quoted && is_null_word(node.scalar) ? DocNode::Kind::Null : DocNode::Kind::Scalar;
    if (node.kind == DocNode::Kind::Null) node.scalar.clear();
    return node;
  }

  bool open(DocNode::Kind kind, const SourceLoc& where, std::string anchor) {
    if (stack_.size() >= kMaxDepth)
      return fail(where, "nesting deeper than " + std::to_string(kMaxDepth) + " levels");
    if (!count(1, where)) return false;
    Frame frame;
    frame.node.kind = kind;
    frame.node.loc = where;
    frame.anchor = std::move(anchor);
    if (!frame.anchor.empty()) open_anchors_.insert(frame.anchor);
    stack_.push_back(std::move(frame));
    return true;
  }

  bool close() {
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    if (!frame.anchor.empty()) open_anchors_.erase(frame.anchor);
    return add(std::move(frame.node), frame.anchor);
  }

  bool alias(const std::string& name, const SourceLoc& where) {
    if (open_anchors_.count(name))
      return fail(where, "alias *" + name + " refers to a node that contains it (a cycle)");
    auto it = anchors_.find(name);
    if (it == anchors_.end())
      return fail(where, "alias *" + name + " names no anchor (&" + name + ") before it");
    DocNode copy = *it->second;
    if (!count(count_nodes(copy), where)) return false;
    return add(std::move(copy), "");
  }

  bool count(std::size_t nodes, const SourceLoc& where) {
    nodes_ += nodes;
    if (nodes_ > kMaxYamlNodes)
      return fail(where, "the document expands to more than " + std::to_string(kMaxYamlNodes) +
                             " values (aliases included); a scenario is far smaller");
    return true;
  }

  // Hangs a finished node on its parent (or makes it the root). `no_text`:
  // an empty plain scalar (`key:` with nothing after it).
  bool add(DocNode node, const std::string& anchor, bool no_text = false) {
    if (!anchor.empty()) anchors_[anchor] = std::make_shared<DocNode>(node);
    if (stack_.empty()) {
      root_ = std::move(node);
      return true;
    }
    Frame& parent = stack_.back();
    if (parent.node.kind == DocNode::Kind::Sequence) {
      parent.node.items.push_back(std::move(node));
      return true;
    }
    if (!parent.key && !parent.skip_value) {
      if (node.kind == DocNode::Kind::Map || node.kind == DocNode::Kind::Sequence) {
        diag_.error(node.loc, "a map key must be a plain name, not " +
                                  std::string(node.kind == DocNode::Kind::Map ? "a map" : "a list"));
        parent.skip_value = true;
        return true;
      }
      if (!parent.keys.insert(node.scalar).second) {
        diag_.error(node.loc, "duplicate key '" + node.scalar + "' (only one may be given)");
        parent.skip_value = true;
        return true;
      }
      parent.key = DocKey{node.scalar, node.loc};
      return true;
    }
    if (parent.skip_value) {
      parent.skip_value = false;
      return true;
    }
    // `key:` with nothing after it: point at the key, as its value has no text.
    if (no_text) node.loc = parent.key->loc;
    parent.node.entries.push_back({std::move(*parent.key), std::move(node)});
    parent.key.reset();
    return true;
  }

  const std::string& origin_;
  int column_offset_;
  Diagnostics& diag_;
  std::vector<Frame> stack_;
  std::unordered_map<std::string, std::shared_ptr<const DocNode>> anchors_;
  std::set<std::string> open_anchors_;
  std::size_t nodes_ = 0;
  int documents_ = 0;
  bool failed_ = false;
  DocNode root_;
};

}  // namespace

DocNode parse_yaml_document(const std::string& text, const std::string& origin, Diagnostics& diag,
                            int column_offset) {
  const DocNode empty{DocNode::Kind::Null, {}, false, {}, {}, {origin, 1, 1}};
  if (text.size() > kMaxYamlBytes) {
    diag.error({origin, 1, 1}, "the document is " + std::to_string(text.size()) + " bytes; the limit is " +
                                   std::to_string(kMaxYamlBytes) + " (a scenario is far smaller)");
    return empty;
  }
  TreeBuilder builder(origin, column_offset, diag);
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) throw std::bad_alloc();
  std::unique_ptr<yaml_parser_t, void (*)(yaml_parser_t*)> guard(&parser, yaml_parser_delete);
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  for (bool more = true; more;) {
    yaml_event_t event;
    if (!yaml_parser_parse(&parser, &event)) {
      std::string what =
          std::string("YAML syntax error: ") + (parser.problem ? parser.problem : "unreadable");
      if (parser.context) what += std::string(" ") + parser.context;
      // At the end of the text (an unclosed bracket or quote) the problem's own
      // position says nothing; the construct's start does.
      const bool at_end = parser.problem_mark.index >= text.size() && parser.context;
      builder.fail(builder.loc(at_end ? parser.context_mark : parser.problem_mark),
                   what + (at_end ? ", which starts here and is never closed" : ""));
      break;
    }
    more = builder.on_event(event);
    yaml_event_delete(&event);
  }
  if (builder.failed()) return empty;
  DocNode root = builder.take_root();
  if (root.is_null()) root.loc = {origin, 1, 1};
  return root;
}

}  // namespace faultline::harness
