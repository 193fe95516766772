#include "checkers/options.hpp"

#include <fmt/format.h>
#include <stdexcept>

namespace faultline::checkers {

namespace json = boost::json;

namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

}  // namespace

OptionReader::OptionReader(std::string checker, const json::object& options,
                           std::initializer_list<const char*> allowed)
    : checker_(std::move(checker)), options_(options) {
  std::vector<std::string> names(allowed.begin(), allowed.end());
  for (const auto& kv : options_) {
    bool known = false;
    for (const auto& name : names) known = known || kv.key() == name;
    if (!known)
      throw std::invalid_argument("checker '" + checker_ + "': unknown option '" + std::string(kv.key()) +
                                  "' (allowed: " + (names.empty() ? std::string("none") : join(names)) + ")");
  }
}

void OptionReader::bad(const char* key, const std::string& what) const {
  throw std::invalid_argument("checker '" + checker_ + "': option '" + key + "' " + what);
}

bool OptionReader::get_bool(const char* key, bool fallback) const {
  const json::value* v = options_.if_contains(key);
  if (!v) return fallback;
  if (!v->is_bool()) bad(key, "must be true or false, got " + json::serialize(*v));
  return v->get_bool();
}

std::string OptionReader::get_string(const char* key, const std::string& fallback) const {
  const json::value* v = options_.if_contains(key);
  if (!v) return fallback;
  if (!v->is_string() || v->get_string().empty())
    bad(key, "must be a non-empty string, got " + json::serialize(*v));
  return std::string(v->get_string());
}

double OptionReader::get_number(const char* key, double fallback, double min, double max) const {
  const json::value* v = options_.if_contains(key);
  if (!v) return fallback;
  if (!v->is_number() || v->to_number<double>() < min || v->to_number<double>() > max)
    bad(key, fmt::format("must be a number from {} to {}, got {}", min, max, json::serialize(*v)));
  return v->to_number<double>();
}

std::string OptionReader::get_enum(const char* key, const std::vector<std::string>& choices,
                                   const std::string& fallback) const {
  const json::value* v = options_.if_contains(key);
  if (!v) return fallback;
  if (v->is_string())
    for (const auto& c : choices)
      if (v->get_string() == c) return c;
  bad(key, "must be one of " + join(choices) + ", got " + json::serialize(*v));
}

}  // namespace faultline::checkers
