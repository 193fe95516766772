#include "history/json_array.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "history/json_fields.hpp"

namespace faultline::history {

namespace json = boost::json;

namespace {

std::string without_colon(std::string_view s) {
  return std::string(!s.empty() && s.front() == ':' ? s.substr(1) : s);
}

// Keys and the keyword-valued fields without their leading colon.
json::object normalized(const json::object& in) {
  json::object out;
  for (const auto& [key, value] : in) {
    const std::string k = without_colon(key);
    if ((k == "type" || k == "f" || k == "process") && value.is_string())
      out[k] = without_colon(value.get_string());
    else
      out[k] = value;
  }
  return out;
}

}  // namespace

History read_json_array_stream(std::istream& in, const std::string& name) {
  std::stringstream text;
  text << in.rdbuf();
  boost::system::error_code ec;
  json::value doc = json::parse(text.str(), ec);
  if (ec) throw std::runtime_error(name + ": not a JSON array of ops: " + ec.message());
  if (!doc.is_array()) throw std::runtime_error(name + ": expected a JSON array of op objects");
  History h;
  h.reserve(doc.get_array().size());
  std::size_t position = 0;
  for (const auto& v : doc.get_array()) {
    if (!v.is_object())
      throw std::runtime_error(name + ": element " + std::to_string(position) + " is not an op object");
    const json::object o = normalized(v.get_object());
    try {
      h.push_back(detail::op_from_object(o));
    } catch (const std::invalid_argument& e) {
      throw std::runtime_error(name + ": element " + std::to_string(position) + ": " + e.what());
    }
    if (!o.contains("index")) h.back().index = static_cast<std::int64_t>(position);
    ++position;
  }
  return h;
}

History read_json_array(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  return read_json_array_stream(in, path);
}

}  // namespace faultline::history
