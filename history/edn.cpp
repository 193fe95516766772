#include "history/edn.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

#include "history/edn_reader.hpp"
#include "history/json_fields.hpp"
#include "history/op_value.hpp"
#include "history/output_file.hpp"

namespace faultline::history {

namespace json = boost::json;

namespace {

// Characters Clojure accepts in a keyword we print bare; anything else (spaces,
// slashes, an empty name) is written as a string, which reads back the same.
bool keyword_safe(std::string_view s) {
  if (s.empty() || (s[0] >= '0' && s[0] <= '9')) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
              c == '_' || c == '*' || c == '+' || c == '!' || c == '?' || c == '<' || c == '>' || c == '=' ||
              c == '.';
    if (!ok) return false;
  }
  return true;
}

void append_string(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20)
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        else
          out += c;
    }
  }
  out += '"';
}

void append_keyword_or_string(std::string& out, std::string_view s) {
  if (keyword_safe(s)) {
    out += ':';
    out += s;
  } else {
    append_string(out, s);
  }
}

void append_double(std::string& out, double d) {
  if (std::isnan(d)) {
    out += "##NaN";
  } else if (std::isinf(d)) {
    out += d > 0 ? "##Inf" : "##-Inf";
  } else {
    // Shortest text that reads back to the same double; it must still look
    // like a float to an EDN reader.
    std::string text = fmt::format("{}", d);
    if (text.find_first_of(".eE") == std::string::npos) text += ".0";
    out += text;
  }
}

void append_value(std::string& out, const json::value& v) {
  switch (v.kind()) {
    case json::kind::null:
      out += "nil";
      break;
    case json::kind::bool_:
      out += v.get_bool() ? "true" : "false";
      break;
    case json::kind::int64:
      out += std::to_string(v.get_int64());
      break;
    case json::kind::uint64:
      out += std::to_string(v.get_uint64());
      break;
    case json::kind::double_:
      append_double(out, v.get_double());
      break;
    case json::kind::string:
      append_string(out, v.get_string());
      break;
    case json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& e : v.get_array()) {
        if (!first) out += ' ';
        first = false;
        append_value(out, e);
      }
      out += ']';
      break;
    }
    case json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& kv : v.get_object()) {
        if (!first) out += ", ";
        first = false;
        append_string(out, kv.key());
        out += ' ';
        append_value(out, kv.value());
      }
      out += '}';
      break;
    }
  }
}

}  // namespace

std::string to_edn(const json::value& value) {
  std::string out;
  append_value(out, value);
  return out;
}

std::string to_edn_keyword(std::string_view name) {
  std::string out;
  append_keyword_or_string(out, name);
  return out;
}

std::string to_edn(const Op& op) {
  std::string out;
  out.reserve(96);
  out += "{:index ";
  out += std::to_string(op.index);
  out += ", :time ";
  out += std::to_string(op.time);
  out += ", :process ";
  if (op.process == kNemesisProcess)
    out += ":nemesis";
  else
    out += std::to_string(op.process);
  out += ", :type :";
  out += to_string(op.type);
  out += ", :f ";
  append_keyword_or_string(out, op.f);
  out += ", :value ";
  json::value scratch;
  append_value(out, value_of(op, scratch));
  if (!op.node.empty()) {
    out += ", :node ";
    append_string(out, op.node);
  }
  if (!op.error.is_null()) {
    out += ", :error ";
    append_value(out, op.error);
  }
  if (op.final) out += ", :final? true";
  out += '}';
  return out;
}

void write_edn(const History& history, const std::string& path) {
  OutputFile out(path);
  std::string line;
  for (const Op& op : history) {
    line = to_edn(op);
    line += '\n';
    out.write(line);
  }
  out.commit();
}

namespace {

void add_op(History& history, EdnReader& reader, json::value form, std::size_t offset) {
  if (!form.is_object()) reader.fail(offset, "expected an op map like {:type :invoke, :f :read, ...}");
  json::object& o = form.get_object();
  // Jepsen spells the flag :final?; our JSON spells it final.
  // Take the value out before inserting "final": the insert may grow the
  // object and free the slot a pointer into it would still name (found by
  // fuzz_history_edn: a double free).
  if (auto* final_flag = o.if_contains("final?")) {
    json::value flag = std::move(*final_flag);
    o.erase("final?");
    o["final"] = std::move(flag);
  }
  try {
    Op op = detail::op_from_object(o);
    if (!o.contains("index")) op.index = static_cast<std::int64_t>(history.size());
    history.push_back(std::move(op));
  } catch (const std::invalid_argument& e) {
    reader.fail(offset, e.what());
  }
}

}  // namespace

History read_edn_stream(std::istream& in, const std::string& name) {
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw std::runtime_error(name + ": read error");
  EdnReader reader(text, name);
  History history;
  while (!reader.at_end()) {
    if (reader.peek() == '[') {
      // A top-level vector of ops: read element by element so errors point at
      // the offending op, not at the opening bracket.
      std::size_t open = reader.offset();
      reader.expect('[');
      while (reader.peek() != ']') {
        if (reader.at_end()) reader.fail(open, "unterminated vector, expected ']'");
        std::size_t offset = reader.offset();
        add_op(history, reader, reader.read_form(), offset);
      }
      reader.expect(']');
      continue;
    }
    std::size_t offset = reader.offset();
    json::value form = reader.read_form();
    if (form.is_array()) {  // e.g. a top-level list of ops
      for (auto& element : form.get_array()) add_op(history, reader, std::move(element), offset);
    } else {
      add_op(history, reader, std::move(form), offset);
    }
  }
  return history;
}

History read_edn(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
  return read_edn_stream(in, path);
}

}  // namespace faultline::history
