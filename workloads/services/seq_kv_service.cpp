#include "workloads/services/seq_kv_service.hpp"

#include <algorithm>
#include <random>

namespace faultline::workloads::services {

SeqKvService::SeqKvService() { states_.push_back(std::make_shared<const KvMap>()); }

std::optional<boost::json::object> SeqKvService::handle(const std::string& src,
                                                        const boost::json::object& body, history::Rng& rng) {
  auto parsed = parse_kv_request(body);
  if (std::holds_alternative<std::monostate>(parsed)) return std::nullopt;
  if (auto* error = std::get_if<boost::json::object>(&parsed)) return std::move(*error);
  const auto& request = std::get<KvRequest>(parsed);

  // States older than the window are gone; a caller that saw one of them may
  // now only see the oldest we still hold, which is newer — never older.
  const std::uint64_t lowest = std::max(seen_[src], first_index_);
  const std::uint64_t chosen = std::uniform_int_distribution<std::uint64_t>(lowest, newest_index())(rng);
  auto effect = evaluate_kv(request, state(chosen).find(request.key));
  if (!effect.changes()) {
    seen_[src] = chosen;
    return std::move(effect.reply);
  }

  // A change must be ordered after every other change: redo it on the newest.
  effect = evaluate_kv(request, state(newest_index()).find(request.key));
  if (effect.store) {
    auto next = std::make_shared<KvMap>(state(newest_index()));
    next->put(request.key, std::move(*effect.store));
    states_.push_back(std::move(next));
    if (states_.size() > kHistory) {
      states_.pop_front();
      ++first_index_;
    }
  }
  seen_[src] = newest_index();
  return std::move(effect.reply);
}

}  // namespace faultline::workloads::services
