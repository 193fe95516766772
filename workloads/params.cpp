#include "workloads/params.hpp"

#include <stdexcept>

namespace faultline::workloads {

namespace {
const boost::json::value& get(const boost::json::object& params, const std::string& name) {
  auto it = params.find(name);
  if (it == params.end()) throw std::logic_error("workload param '" + name + "' missing");
  return it->value();
}
}  // namespace

std::int64_t param_int(const boost::json::object& params, const std::string& name) {
  return boost::json::value_to<std::int64_t>(get(params, name));
}
double param_number(const boost::json::object& params, const std::string& name) {
  return boost::json::value_to<double>(get(params, name));
}
std::string param_string(const boost::json::object& params, const std::string& name) {
  return std::string(get(params, name).as_string());
}
bool param_bool(const boost::json::object& params, const std::string& name) {
  return get(params, name).as_bool();
}

}  // namespace faultline::workloads
