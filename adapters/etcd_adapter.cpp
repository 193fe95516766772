// lin-kv on etcd v3 through its HTTP/JSON gateway (etcd 3.4: /v3/kv/*).
// Keys and values are the JSON text of the workload's keys and values,
// base64-encoded as the gateway wants.
//
// Options: consistency: linearizable (default) | serializable (etcd's local,
// possibly stale read); port: the node port clients use (default "client");
// timeout_ms: per request (default 1000; keep it under workload.timeout).
#include "lib/base64.hpp"
#include "lib/connection_pool.hpp"
#include "lib/http_json.hpp"
#include "lib/protocol.hpp"

namespace {

using namespace fl_adapter;

std::string encode_json(const json::value& v) { return base64_encode(json::serialize(v)); }

// The value of the first kv of a range response, or nullopt when the key is missing.
std::optional<json::value> first_value(const json::object& range) {
  const auto* kvs = range.if_contains("kvs");
  if (!kvs || !kvs->is_array() || kvs->as_array().empty()) return std::nullopt;
  const auto* value = kvs->as_array().front().as_object().if_contains("value");
  // An empty value is omitted by the gateway; our values are never empty.
  const auto text =
      value && value->is_string() ? base64_decode(value->as_string()) : std::optional<std::string>{};
  if (!text) throw Failure(kCrash, "etcd returned a value that is not base64: " + json::serialize(range));
  boost::system::error_code ec;
  auto parsed = json::parse(*text, ec);
  if (ec) throw Failure(kCrash, "etcd holds a value that is not JSON: " + *text);
  return parsed;
}

class EtcdAdapter : public Adapter {
 public:
  void init(const Init& init) override {
    check_option_names(init.options, with_pool_options({"consistency"}));
    serializable_ = string_option(init.options, "consistency", "linearizable",
                                  {"linearizable", "serializable"}) == "serializable";
    pool_.configure(init);
  }

  json::object handle(const std::string& node, const json::object& body) override {
    const std::string t = request_type(body);
    if (t == "read") return read(node, body);
    if (t == "write") return write(node, body);
    if (t == "cas") return cas(node, body);
    throw Failure(kNotSupported, "the etcd adapter does lin-kv (read, write, cas), not '" + t + "'");
  }

 private:
  json::object read(const std::string& node, const json::object& body) {
    json::object range{{"key", encode_json(request_field(body, "key"))}};
    if (serializable_) range["serializable"] = true;
    json::object reply;
    try {
      reply = call(node, "/v3/kv/range", range);
    } catch (const Failure& f) {
      // A read changes nothing, so a read that failed in any way certainly
      // did not happen (Jepsen's etcd client says the same).
      throw Failure(kTemporarilyUnavailable, f.what());
    }
    auto value = first_value(reply);
    if (!value) throw Failure(kKeyDoesNotExist, "key does not exist");
    return {{"type", "read_ok"}, {"value", *value}};
  }

  json::object write(const std::string& node, const json::object& body) {
    call(node, "/v3/kv/put",
         {{"key", encode_json(request_field(body, "key"))},
          {"value", encode_json(request_field(body, "value"))}});
    return {{"type", "write_ok"}};
  }

  // One transaction: put `to` if the value equals `from`; otherwise read the
  // key, to tell a missing key (20) from another value (22).
  json::object cas(const std::string& node, const json::object& body) {
    const std::string key = encode_json(request_field(body, "key"));
    json::object txn{
        {"compare", json::array{{{"key", key},
                                 {"result", "EQUAL"},
                                 {"target", "VALUE"},
                                 {"value", encode_json(request_field(body, "from"))}}}},
        {"success",
         json::array{{{"requestPut", {{"key", key}, {"value", encode_json(request_field(body, "to"))}}}}}},
        {"failure", json::array{{{"requestRange", {{"key", key}}}}}}};
    const json::object reply = call(node, "/v3/kv/txn", txn);
    // The gateway omits false: "succeeded" is absent when the compare failed.
    if (const auto* ok = reply.if_contains("succeeded"); ok && ok->is_bool() && ok->as_bool())
      return {{"type", "cas_ok"}};
    const auto* responses = reply.if_contains("responses");
    const json::object* range = nullptr;
    if (responses && responses->is_array() && !responses->as_array().empty()) {
      const auto* r = responses->as_array().front().as_object().if_contains("response_range");
      if (r && r->is_object()) range = &r->as_object();
    }
    if (!range)
      throw Failure(kCrash, "etcd answered the cas txn without its range: " + json::serialize(reply));
    if (!first_value(*range)) throw Failure(kKeyDoesNotExist, "key does not exist");
    throw Failure(kPreconditionFailed, "value is not " + json::serialize(request_field(body, "from")));
  }

  json::object call(const std::string& node, const std::string& target, const json::object& request) {
    HttpJsonReply reply = post_json(pool_.to(node), target, request);
    if (reply.status != 200) {
      // etcd's errors here (request timed out, leader changed, no leader) do
      // not say whether a write was applied.
      throw Failure(kCrash, "etcd answered HTTP " + std::to_string(reply.status) + ": " + reply.raw);
    }
    return std::move(reply.body);
  }

  bool serializable_ = false;
  ConnectionPool pool_;
};

}  // namespace

int main() {
  EtcdAdapter adapter;
  return fl_adapter::serve(adapter);
}
