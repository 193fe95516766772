#include "history/json_fields.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace faultline::history::detail {

namespace json = boost::json;

namespace {

std::string kind_name(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null:
      return "null";
    case json::kind::bool_:
      return "a boolean";
    case json::kind::int64:
    case json::kind::uint64:
      return "an integer";
    case json::kind::double_:
      return "a number";
    case json::kind::string:
      return "a string";
    case json::kind::array:
      return "an array";
    case json::kind::object:
      return "an object";
  }
  return "a value";
}

[[noreturn]] void bad_field(std::string_view field, const std::string& what) {
  throw std::invalid_argument("field '" + std::string(field) + "': " + what);
}

}  // namespace

std::int64_t integer_field(const json::value& v, std::string_view field) {
  if (v.is_int64()) return v.get_int64();
  if (v.is_uint64()) {
    if (v.get_uint64() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
      bad_field(field, "integer " + std::to_string(v.get_uint64()) + " is too large");
    return static_cast<std::int64_t>(v.get_uint64());
  }
  if (v.is_double()) {
    double d = v.get_double();
    // 2^63 is exactly representable; anything at or beyond it would overflow.
    if (std::isfinite(d) && d == std::trunc(d) && std::fabs(d) < 9.2233720368547758e18)
      return static_cast<std::int64_t>(d);
    bad_field(field, "expected an integer, got " + json::serialize(v));
  }
  bad_field(field, "expected an integer, got " + kind_name(v));
}

Op op_from_object(const json::object& o) {
  Op op;
  if (auto* v = o.if_contains("index")) op.index = integer_field(*v, "index");
  if (auto* v = o.if_contains("time")) op.time = integer_field(*v, "time");

  const json::value* process = o.if_contains("process");
  if (!process) bad_field("process", "missing");
  if (process->is_string()) {
    if (process->get_string() != "nemesis")
      bad_field("process",
                "expected an integer or \"nemesis\", got \"" + std::string(process->get_string()) + "\"");
    op.process = kNemesisProcess;
  } else {
    op.process = integer_field(*process, "process");
    if (op.process < 0)
      bad_field("process", "client processes are non-negative, got " + std::to_string(op.process));
  }

  const json::value* type = o.if_contains("type");
  if (!type) bad_field("type", "missing");
  if (!type->is_string()) bad_field("type", "expected a string, got " + kind_name(*type));
  try {
    op.type = op_type_from_string(type->get_string());
  } catch (const std::invalid_argument& e) {
    bad_field("type", e.what());
  }

  const json::value* f = o.if_contains("f");
  if (!f) bad_field("f", "missing");
  if (!f->is_string()) bad_field("f", "expected a string, got " + kind_name(*f));
  op.f = f->get_string();

  if (auto* v = o.if_contains("value")) op.value = *v;
  // Porcupine's kv logs (and some Jepsen tests) name the key in its own
  // field; keyed checks read Jepsen's independent tuple [key value].
  if (auto* k = o.if_contains("key")) op.value = json::array{*k, std::move(op.value)};
  if (auto* v = o.if_contains("node"); v && !v->is_null()) {
    if (!v->is_string()) bad_field("node", "expected a string, got " + kind_name(*v));
    op.node = v->get_string();
  }
  if (auto* v = o.if_contains("error")) op.error = *v;
  if (auto* v = o.if_contains("final"); v && !v->is_null()) {
    if (!v->is_bool()) bad_field("final", "expected a boolean, got " + kind_name(*v));
    op.final = v->get_bool();
  }
  return op;
}

}  // namespace faultline::history::detail
