#include "workloads/services/lww_kv_service.hpp"

#include <algorithm>
#include <random>

namespace faultline::workloads::services {

void LwwKvService::absorb(Replica& into, const Replica& from) {
  for (const auto& [key, entry] : from.entries) {
    auto it = into.entries.find(key);
    if (it == into.entries.end() || it->second.stamp < entry.stamp) into.entries[key] = entry;
  }
  into.clock = std::max(into.clock, from.clock);
}

std::optional<boost::json::object> LwwKvService::handle(const std::string&, const boost::json::object& body,
                                                        history::Rng& rng) {
  auto parsed = parse_kv_request(body);
  if (std::holds_alternative<std::monostate>(parsed)) return std::nullopt;
  if (auto* error = std::get_if<boost::json::object>(&parsed)) return std::move(*error);
  const auto& request = std::get<KvRequest>(parsed);

  std::uniform_int_distribution<int> pick(0, kReplicas - 1);
  const int r = pick(rng);
  Replica& replica = replicas_[r];
  const std::string key = boost::json::serialize(request.key);
  auto it = replica.entries.find(key);
  auto effect = evaluate_kv(request, it == replica.entries.end() ? nullptr : &it->second.value);
  if (effect.store) replica.entries[key] = Entry{std::move(*effect.store), Stamp{++replica.clock, r}};

  // Anti-entropy: one random pair swaps state both ways, so every write
  // reaches every replica after enough ops.
  const int a = pick(rng);
  const int b = (a + 1 + std::uniform_int_distribution<int>(0, kReplicas - 2)(rng)) % kReplicas;
  absorb(replicas_[a], replicas_[b]);
  absorb(replicas_[b], replicas_[a]);
  return std::move(effect.reply);
}

std::optional<boost::json::value> LwwKvService::replica_value(int replica,
                                                              const boost::json::value& key) const {
  if (replica < 0 || replica >= kReplicas) return std::nullopt;
  const auto& entries = replicas_[replica].entries;
  auto it = entries.find(boost::json::serialize(key));
  if (it == entries.end()) return std::nullopt;
  return it->second.value;
}

}  // namespace faultline::workloads::services
