#pragma once
// Reads a checker's options from the scenario, rejecting unknown keys and bad
// values with messages that list what is allowed.
#include <boost/json.hpp>
#include <initializer_list>
#include <string>
#include <vector>

namespace faultline::checkers {

class OptionReader {
 public:
  // Throws std::invalid_argument if `options` holds a key not in `allowed`.
  OptionReader(std::string checker, const boost::json::object& options,
               std::initializer_list<const char*> allowed);

  bool get_bool(const char* key, bool fallback) const;
  std::string get_string(const char* key, const std::string& fallback) const;
  // A number in [min, max]; throws naming the range otherwise.
  double get_number(const char* key, double fallback, double min, double max) const;
  // One of `choices`; throws naming them otherwise.
  std::string get_enum(const char* key, const std::vector<std::string>& choices,
                       const std::string& fallback) const;

 private:
  [[noreturn]] void bad(const char* key, const std::string& what) const;
  std::string checker_;
  const boost::json::object& options_;
};

}  // namespace faultline::checkers
