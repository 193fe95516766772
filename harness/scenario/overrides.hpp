#pragma once
// Command-line overrides: "key.path=value" spliced into the scenario tree
// before validation, so an overridden value is checked exactly like one
// written in the file. The value is YAML (a scalar or a flow collection:
// `nemesis=[]`, `workload.params={topology: grid}`); a numeric path segment
// indexes a list (`nemesis.0.for=3s`, or one past the end to append).
// Nodes that come from an override are located in it: their SourceLoc file is
// "--set key.path=value" and the column counts within that text.
#include <string>

#include "harness/scenario/diagnostics.hpp"
#include "harness/scenario/doc_node.hpp"

namespace faultline::harness {

// Returns false (after reporting why) when the override cannot be applied.
bool apply_override(DocNode& root, const std::string& assignment, Diagnostics& diag);

}  // namespace faultline::harness
