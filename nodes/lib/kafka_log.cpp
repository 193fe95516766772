#include "lib/kafka_log.hpp"

#include <algorithm>

namespace fl_node {

namespace {
constexpr std::size_t kMaxPolled = 100;  // messages per key per poll
}

json::object KafkaLog::apply(const json::object& request) {
  const std::string type = string_field(request, "type");
  if (type == "send") {
    auto& log = logs_[string_field(request, "key")];
    log.push_back(field(request, "msg"));
    return {{"type", "send_ok"}, {"offset", log.size() - 1}};
  }
  if (type == "poll") {
    const json::value& offsets = field(request, "offsets");
    if (!offsets.is_object()) throw MalformedRequest("offsets must be an object");
    json::object msgs;
    for (const auto& [key, from] : offsets.get_object()) {
      if (!from.is_int64()) throw MalformedRequest("offset of " + std::string(key) + " is not an integer");
      auto it = logs_.find(std::string(key));
      if (it == logs_.end()) continue;
      json::array list;
      for (auto o = static_cast<std::size_t>(std::max<std::int64_t>(0, from.as_int64()));
           o < it->second.size() && list.size() < kMaxPolled; ++o)
        list.push_back(json::array{o, it->second[o]});
      if (!list.empty()) msgs[key] = std::move(list);
    }
    return {{"type", "poll_ok"}, {"msgs", std::move(msgs)}};
  }
  if (type == "commit_offsets") {
    const json::value& offsets = field(request, "offsets");
    if (!offsets.is_object()) throw MalformedRequest("offsets must be an object");
    for (const auto& [key, off] : offsets.get_object()) {
      if (!off.is_int64()) throw MalformedRequest("offset of " + std::string(key) + " is not an integer");
      auto& c = committed_.try_emplace(std::string(key), off.as_int64()).first->second;
      c = std::max(c, off.as_int64());
    }
    return {{"type", "commit_offsets_ok"}};
  }
  if (type == "list_committed_offsets") {
    const json::value& keys = field(request, "keys");
    if (!keys.is_array()) throw MalformedRequest("keys must be an array");
    json::object offsets;
    for (const auto& k : keys.get_array()) {
      if (!k.is_string()) throw MalformedRequest("keys must be strings");
      if (auto it = committed_.find(std::string(k.get_string())); it != committed_.end())
        offsets[k.get_string()] = it->second;
    }
    return {{"type", "list_committed_offsets_ok"}, {"offsets", std::move(offsets)}};
  }
  throw MalformedRequest("not a kafka request: " + type);
}

}  // namespace fl_node
