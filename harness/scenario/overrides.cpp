#include "harness/scenario/overrides.hpp"

#include <vector>

#include "harness/scenario/scalars.hpp"

namespace faultline::harness {

namespace {

struct Segment {
  std::string text;
  int column;  // 1-based within the assignment
};

std::vector<Segment> split_path(const std::string& path) {
  std::vector<Segment> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    const std::size_t end = dot == std::string::npos ? path.size() : dot;
    out.push_back({path.substr(start, end - start), static_cast<int>(start) + 1});
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return out;
}

}  // namespace

bool apply_override(DocNode& root, const std::string& assignment, Diagnostics& diag) {
  const std::string origin = "--set " + assignment;
  const std::size_t equals = assignment.find('=');
  if (equals == std::string::npos || equals == 0) {
    diag.error({origin, 1, 1}, "override must look like key.path=value",
               "e.g. workload.rate=100, network.loss=0.1, nemesis=[]");
    return false;
  }
  const std::string path = assignment.substr(0, equals);
  const std::vector<Segment> segments = split_path(path);
  for (const auto& segment : segments) {
    if (segment.text.empty()) {
      diag.error({origin, 1, segment.column}, "override path '" + path + "' has an empty part",
                 "names separated by single dots");
      return false;
    }
  }

  const std::size_t errors_before = diag.error_count();
  DocNode value =
      parse_yaml_document(assignment.substr(equals + 1), origin, diag, static_cast<int>(equals) + 1);
  if (diag.error_count() != errors_before) return false;
  // An empty value (`cwd=`) parses as a Null document located at 1:1; point it
  // at the '=' instead.
  if (value.is_null()) value.loc = {origin, 1, static_cast<int>(equals) + 1};

  DocNode* current = &root;
  std::string walked;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const Segment& segment = segments[i];
    const bool last = i + 1 == segments.size();
    const SourceLoc here{origin, 1, segment.column};
    DocNode* next = nullptr;
    if (current->is_sequence()) {
      const auto index = parse_uint64(segment.text);
      if (!index || *index > current->items.size()) {
        diag.error(here,
                   "override path '" + path + "': '" + (walked.empty() ? "the scenario" : walked) +
                       "' is a list of " + std::to_string(current->items.size()) + " entries, '" +
                       segment.text + "' is not an index into it",
                   "0.." + std::to_string(current->items.size()) + " (the last appends)");
        return false;
      }
      if (*index == current->items.size()) {
        current->items.push_back(DocNode{DocNode::Kind::Null, {}, false, {}, {}, here});
      }
      next = &current->items[*index];
    } else {
      if (current->is_null()) {
        // Creating a section that the file leaves out (`network.loss=0.1`
        // when there is no `network:`).
        current->kind = DocNode::Kind::Map;
        current->loc = here;
      }
      if (!current->is_map()) {
        diag.error(here, "override path '" + path + "': '" + (walked.empty() ? "the scenario" : walked) +
                             "' is " + current->describe() + ", not a map, so it has no key '" +
                             segment.text + "'");
        return false;
      }
      next = current->find(segment.text);
      if (!next) {
        current->entries.push_back(
            {DocKey{segment.text, here}, DocNode{DocNode::Kind::Null, {}, false, {}, {}, here}});
        next = &current->entries.back().value;
      }
    }
    walked += (walked.empty() ? "" : ".") + segment.text;
    if (last) *next = std::move(value);
    current = next;
  }
  return true;
}

}  // namespace faultline::harness
