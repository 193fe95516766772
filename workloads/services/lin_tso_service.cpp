#include "workloads/services/lin_tso_service.hpp"

namespace faultline::workloads::services {

std::optional<boost::json::object> LinTsoService::handle(const std::string&, const boost::json::object& body,
                                                         history::Rng&) {
  const auto* type = body.if_contains("type");
  if (!type || !type->is_string() || type->get_string() != "ts") return std::nullopt;
  return boost::json::object{{"type", "ts_ok"}, {"ts", next_++}};
}

}  // namespace faultline::workloads::services
