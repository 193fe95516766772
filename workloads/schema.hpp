#pragma once
// Maelstrom's reply schemas are closed: exactly `type`, the listed fields,
// `in_reply_to` and an optional `msg_id`. A reply that breaks its schema
// completes the op as info, with the reason, never as a harness error.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "workloads/workload.hpp"

namespace faultline::workloads {

enum class JsonKind { Any, Int, Number, String, Bool, Array, Object, IntOrNull, ArrayOrNull };

struct FieldSpec {
  std::string name;
  JsonKind kind = JsonKind::Any;
  bool required = true;
};

// nullopt when `reply` is a well-formed `type` reply; otherwise what is wrong.
std::optional<std::string> check_reply(const boost::json::object& reply, std::string_view type,
                                       const std::vector<FieldSpec>& fields);

// The outcome of a reply that broke its schema.
Outcome schema_violation(const std::string& reason);

}  // namespace faultline::workloads
