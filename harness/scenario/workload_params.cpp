// `workload.params` against the workload's declared ParamSpecs.
#include <cmath>

#include "harness/scenario/readers.hpp"
#include "harness/scenario/sections.hpp"

namespace faultline::harness {

namespace {

using workloads::ParamKind;
using workloads::ParamSpec;

std::optional<boost::json::value> read_param(const DocNode& node, const std::string& path,
                                             const ParamSpec& spec, Diagnostics& diag) {
  switch (spec.kind) {
    case ParamKind::Int: {
      const double lo = std::max(spec.min, -9.2e18), hi = std::min(spec.max, 9.2e18);
      auto v = read_int(node, path, static_cast<std::int64_t>(std::ceil(lo)),
                        static_cast<std::int64_t>(std::floor(hi)), diag);
      if (v) return boost::json::value(*v);
      return std::nullopt;
    }
    case ParamKind::Number:
      if (auto v = read_number(node, path, spec.min, spec.max, diag)) return boost::json::value(*v);
      return std::nullopt;
    case ParamKind::String:
      if (auto v = read_string(node, path, diag)) return boost::json::value(*v);
      return std::nullopt;
    case ParamKind::Bool:
      if (auto v = read_bool(node, path, diag)) return boost::json::value(*v);
      return std::nullopt;
    case ParamKind::Duration:
      // Stored as integer nanoseconds, the same unit as ParamSpec defaults.
      if (auto v = read_duration(node, path, diag))
        return boost::json::value(static_cast<std::int64_t>(v->count()));
      return std::nullopt;
    case ParamKind::Enum:
      if (auto v = read_enum(node, path, spec.allowed, diag)) return boost::json::value(*v);
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

boost::json::object parse_workload_params(const DocNode* params, const std::string& path,
                                          const SourceLoc& owner, const std::vector<ParamSpec>& specs,
                                          Diagnostics& diag) {
  std::vector<std::string> names;
  for (const auto& spec : specs) names.push_back(spec.name);
  boost::json::object out;
  static const DocNode kEmpty;
  const DocNode& node = params ? *params : kEmpty;
  if (!node.is_null() && !node.is_map()) {
    diag.error(node.loc, path + " must be a map of parameters, got " + node.describe(),
               names.empty() ? std::string("(this workload takes none)") : join(names));
    return out;
  }
  for (const auto& [key, value] : node.entries) {
    bool known = false;
    for (const auto& n : names) known = known || n == key.text;
    if (!known) {
      diag.error(key.loc, "unknown key '" + key.text + "' in " + path + did_you_mean(key.text, names),
                 names.empty() ? std::string("(this workload takes no params)") : join(names));
    }
  }
  for (const auto& spec : specs) {
    const DocNode* value = node.find(spec.name);
    if (!value) {
      // A param declared without a default must be given.
      if (spec.default_value.is_null()) {
        diag.error(params ? params->loc : owner,
                   "missing required key '" + path + "." + spec.name + "' (" + spec.doc + ")");
      } else {
        out[spec.name] = spec.default_value;
      }
      continue;
    }
    if (auto v = read_param(*value, path + "." + spec.name, spec, diag)) out[spec.name] = *v;
  }
  return out;
}

}  // namespace faultline::harness
