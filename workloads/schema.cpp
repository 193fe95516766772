#include "workloads/schema.hpp"

namespace faultline::workloads {

namespace {

bool has_kind(const boost::json::value& v, JsonKind kind) {
  switch (kind) {
    case JsonKind::Any:
      return true;
    case JsonKind::Int:
      return v.is_int64() || v.is_uint64();
    case JsonKind::Number:
      return v.is_number();
    case JsonKind::String:
      return v.is_string();
    case JsonKind::Bool:
      return v.is_bool();
    case JsonKind::Array:
      return v.is_array();
    case JsonKind::Object:
      return v.is_object();
    case JsonKind::IntOrNull:
      return v.is_null() || v.is_int64() || v.is_uint64();
    case JsonKind::ArrayOrNull:
      return v.is_null() || v.is_array();
  }
  return false;
}

std::string_view kind_name(JsonKind kind) {
  switch (kind) {
    case JsonKind::Any:
      return "any value";
    case JsonKind::Int:
      return "an integer";
    case JsonKind::Number:
      return "a number";
    case JsonKind::String:
      return "a string";
    case JsonKind::Bool:
      return "a boolean";
    case JsonKind::Array:
      return "an array";
    case JsonKind::Object:
      return "an object";
    case JsonKind::IntOrNull:
      return "an integer or null";
    case JsonKind::ArrayOrNull:
      return "an array or null";
  }
  return "?";
}

}  // namespace

std::optional<std::string> check_reply(const boost::json::object& reply, std::string_view type,
                                       const std::vector<FieldSpec>& fields) {
  const auto* t = reply.if_contains("type");
  if (!t || !t->is_string() || t->as_string() != type)
    return "expected a reply of type " + std::string(type) + ", got " +
           (t ? boost::json::serialize(*t) : std::string("no type"));
  for (const auto& field : fields) {
    const auto* v = reply.if_contains(field.name);
    if (!v) {
      if (field.required) return "reply lacks field '" + field.name + "'";
      continue;
    }
    if (!has_kind(*v, field.kind))
      return "field '" + field.name + "' should be " + std::string(kind_name(field.kind)) + ", got " +
             boost::json::serialize(*v);
  }
  for (const auto& [key, value] : reply) {
    if (key == "type" || key == "in_reply_to" || key == "msg_id") continue;
    bool known = false;
    for (const auto& field : fields) known = known || field.name == key;
    if (!known) return "unexpected field '" + std::string(key) + "' in " + std::string(type);
  }
  return std::nullopt;
}

Outcome schema_violation(const std::string& reason) {
  return {history::OpType::Info, nullptr, boost::json::string("malformed reply: " + reason)};
}

}  // namespace faultline::workloads
