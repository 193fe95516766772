#include "workloads/services/lin_kv_service.hpp"

namespace faultline::workloads::services {

std::optional<boost::json::object> LinKvService::handle(const std::string&, const boost::json::object& body,
                                                        history::Rng&) {
  auto parsed = parse_kv_request(body);
  if (std::holds_alternative<std::monostate>(parsed)) return std::nullopt;
  if (auto* error = std::get_if<boost::json::object>(&parsed)) return std::move(*error);
  const auto& request = std::get<KvRequest>(parsed);
  auto effect = evaluate_kv(request, map_.find(request.key));
  if (effect.store) map_.put(request.key, std::move(*effect.store));
  return std::move(effect.reply);
}

}  // namespace faultline::workloads::services
