#include "workloads/services/kv_state.hpp"

namespace faultline::workloads::services {

namespace {
constexpr int kKeyDoesNotExist = 20;
constexpr int kPreconditionFailed = 22;
constexpr int kMalformedRequest = 12;
}  // namespace

const boost::json::value* KvMap::find(const boost::json::value& key) const {
  auto it = values_.find(boost::json::serialize(key));
  return it == values_.end() ? nullptr : &it->second;
}

void KvMap::put(const boost::json::value& key, boost::json::value value) {
  values_[boost::json::serialize(key)] = std::move(value);
}

boost::json::object error_body(int code, std::string text) {
  return {{"type", "error"}, {"code", code}, {"text", std::move(text)}};
}

KvParse parse_kv_request(const boost::json::object& body) {
  const auto* type = body.if_contains("type");
  if (!type || !type->is_string()) return std::monostate{};
  const auto& t = type->get_string();
  KvRequest request;
  if (t == "read")
    request.kind = KvOpKind::Read;
  else if (t == "write")
    request.kind = KvOpKind::Write;
  else if (t == "cas")
    request.kind = KvOpKind::Cas;
  else
    return std::monostate{};

  auto require = [&](const char* name, boost::json::value& out) -> bool {
    const auto* v = body.if_contains(name);
    if (!v) return false;
    out = *v;
    return true;
  };
  const std::string type_text(t);
  if (!require("key", request.key)) return error_body(kMalformedRequest, type_text + " request lacks 'key'");
  if (request.kind == KvOpKind::Write && !require("value", request.value))
    return error_body(kMalformedRequest, "write request lacks 'value'");
  if (request.kind == KvOpKind::Cas) {
    if (!require("from", request.from) || !require("to", request.to))
      return error_body(kMalformedRequest, "cas request needs 'from' and 'to'");
    if (const auto* create = body.if_contains("create_if_not_exists")) {
      if (!create->is_bool())
        return error_body(kMalformedRequest, "cas 'create_if_not_exists' must be a boolean");
      request.create_if_not_exists = create->get_bool();
    }
  }
  return request;
}

KvEffect evaluate_kv(const KvRequest& request, const boost::json::value* current) {
  switch (request.kind) {
    case KvOpKind::Read:
      if (!current) return {error_body(kKeyDoesNotExist, "key does not exist"), std::nullopt};
      return {{{"type", "read_ok"}, {"value", *current}}, std::nullopt};
    case KvOpKind::Write:
      return {{{"type", "write_ok"}}, request.value};
    case KvOpKind::Cas:
      if (!current) {
        if (request.create_if_not_exists) return {{{"type", "cas_ok"}}, request.to};
        return {error_body(kKeyDoesNotExist, "key does not exist"), std::nullopt};
      }
      if (*current != request.from)
        return {error_body(kPreconditionFailed, "expected " + boost::json::serialize(request.from) +
                                                    ", but had " + boost::json::serialize(*current)),
                std::nullopt};
      return {{{"type", "cas_ok"}}, request.to};
  }
  return {error_body(kMalformedRequest, "unknown KV operation"), std::nullopt};
}

}  // namespace faultline::workloads::services
