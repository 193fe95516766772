#pragma once
// Declared parameters of a workload, so the scenario loader can check them
// (with file:line:column) before anything runs.
#include <boost/json.hpp>
#include <string>
#include <vector>

namespace faultline::workloads {

enum class ParamKind { Int, Number, String, Bool, Duration, Enum };

struct ParamSpec {
  std::string name;
  ParamKind kind = ParamKind::Int;
  boost::json::value default_value;  // Duration defaults are in nanoseconds
  std::string doc;
  std::vector<std::string> allowed;  // for Enum
  double min = -1e300;               // for Int / Number
  double max = 1e300;
};

// Reads a validated param (loader has filled defaults).
std::int64_t param_int(const boost::json::object& params, const std::string& name);
double param_number(const boost::json::object& params, const std::string& name);
std::string param_string(const boost::json::object& params, const std::string& name);
bool param_bool(const boost::json::object& params, const std::string& name);

}  // namespace faultline::workloads
