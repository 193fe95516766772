#include "harness/runtime/pretty_json.hpp"

#include "harness/runtime/json_text.hpp"

namespace faultline::harness {

namespace {
void emit(std::string& out, const boost::json::value& v, int depth) {
  const std::string pad(static_cast<std::size_t>(depth + 1) * 2, ' ');
  const std::string close_pad(static_cast<std::size_t>(depth) * 2, ' ');
  if (const auto* o = v.if_object(); o && !o->empty()) {
    out += "{\n";
    bool first = true;
    for (const auto& [k, x] : *o) {
      if (!first) out += ",\n";
      first = false;
      out += pad;
      append_json_string(out, k);
      out += ": ";
      emit(out, x, depth + 1);
    }
    out += "\n" + close_pad + "}";
  } else if (const auto* a = v.if_array(); a && !a->empty()) {
    // Short arrays of scalars stay on one line: op values, ranges, tuples.
    bool scalars = a->size() <= 16;
    for (const auto& x : *a) scalars = scalars && !x.is_object() && !x.is_array();
    if (scalars) {
      out += json_text(*a);
      return;
    }
    out += "[\n";
    for (std::size_t i = 0; i < a->size(); ++i) {
      if (i) out += ",\n";
      out += pad;
      emit(out, (*a)[i], depth + 1);
    }
    out += "\n" + close_pad + "]";
  } else {
    out += json_text(v);
  }
}
}  // namespace

std::string pretty_json(const boost::json::value& value) {
  std::string out;
  emit(out, value, 0);
  return out;
}

}  // namespace faultline::harness
