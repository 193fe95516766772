// lin-kv (read, write, cas) and g-counter / pn-counter (add, read) on Redis,
// over RESP. Writes go to the primary; reads go to the primary or, with
// `reads: node`, to the node the request names (a replica answers from its
// own, asynchronously replicated copy: that is the stale read Faultline finds).
//
// Options: reads: primary (default) | node; primary: node id (default the
// first node); port: the node port clients use (default "client");
// timeout_ms: per request (default 1000; keep it under workload.timeout).
#include "lib/connection_pool.hpp"
#include "lib/protocol.hpp"
#include "lib/resp.hpp"

namespace {

using namespace fl_adapter;

// Compare-and-set in one round trip: -1 missing key, 0 other value, 1 set.
constexpr const char* kCasScript =
    "local v = redis.call('get', KEYS[1]) "
    "if v == false then return -1 end "
    "if v == ARGV[1] then redis.call('set', KEYS[1], ARGV[2]) return 1 end "
    "return 0";
constexpr const char* kCounterKey = "faultline:counter";

std::string kv_key(const json::value& key) { return "faultline:kv:" + json::serialize(key); }

class RedisAdapter : public Adapter {
 public:
  void init(const Init& init) override {
    check_option_names(init.options, with_pool_options({"reads", "primary"}));
    reads_from_node_ = string_option(init.options, "reads", "primary", {"primary", "node"}) == "node";
    if (init.node_ids.empty()) throw std::runtime_error("no nodes");
    primary_ = string_option(init.options, "primary", init.node_ids.front(), init.node_ids);
    pool_.configure(init);
  }

  json::object handle(const std::string& node, const json::object& body) override {
    const std::string t = request_type(body);
    if (t == "read") return read(node, body);
    if (t == "write") {
      expect_ok(call(primary_, {"SET", kv_key(request_field(body, "key")),
                                json::serialize(request_field(body, "value"))}));
      return {{"type", "write_ok"}};
    }
    if (t == "cas") return cas(body);
    if (t == "add") {
      const auto& delta = request_field(body, "delta");
      if (!delta.is_int64()) throw Failure(kMalformedRequest, "delta must be an integer");
      expect(call(primary_, {"INCRBY", kCounterKey, std::to_string(delta.as_int64())}),
             RespReply::Kind::Integer);
      return {{"type", "add_ok"}};
    }
    throw Failure(kNotSupported, "the redis adapter does lin-kv and counters, not '" + t + "'");
  }

 private:
  json::object read(const std::string& node, const json::object& body) {
    const bool counter = !body.contains("key");
    const std::string key = counter ? kCounterKey : kv_key(body.at("key"));
    RespReply reply;
    try {
      reply = call(reads_from_node_ ? node : primary_, {"GET", key});
    } catch (const Failure& f) {
      // A read changes nothing: one that failed in any way did not happen.
      throw Failure(kTemporarilyUnavailable, f.what());
    }
    if (reply.kind == RespReply::Kind::Error) throw Failure(kTemporarilyUnavailable, reply.text);
    if (reply.kind == RespReply::Kind::Nil) {
      if (counter) return {{"type", "read_ok"}, {"value", 0}};
      throw Failure(kKeyDoesNotExist, "key does not exist");
    }
    boost::system::error_code ec;
    auto value = json::parse(expect(reply, RespReply::Kind::Bulk).text, ec);
    if (ec) throw Failure(kTemporarilyUnavailable, "redis holds a value that is not JSON: " + reply.text);
    return {{"type", "read_ok"}, {"value", value}};
  }

  json::object cas(const json::object& body) {
    const RespReply reply = call(
        primary_, {"EVAL", kCasScript, "1", kv_key(request_field(body, "key")),
                   json::serialize(request_field(body, "from")), json::serialize(request_field(body, "to"))});
    const RespReply& r = expect(reply, RespReply::Kind::Integer);
    if (r.integer == 1) return {{"type", "cas_ok"}};
    if (r.integer < 0) throw Failure(kKeyDoesNotExist, "key does not exist");
    throw Failure(kPreconditionFailed, "value is not " + json::serialize(request_field(body, "from")));
  }

  // A Redis error reply means the command was refused as a whole (READONLY
  // on a replica, LOADING, ...): definite.
  static const RespReply& expect(const RespReply& reply, RespReply::Kind kind) {
    if (reply.kind == RespReply::Kind::Error) throw Failure(kTemporarilyUnavailable, reply.text);
    if (reply.kind != kind) throw Failure(kCrash, "unexpected reply from redis");
    return reply;
  }
  static void expect_ok(const RespReply& reply) {
    if (expect(reply, RespReply::Kind::Simple).text != "OK")
      throw Failure(kCrash, "redis answered " + reply.text);
  }

  RespReply call(const std::string& node, const std::vector<std::string>& args) {
    return resp_call(pool_.to(node), args);
  }

  bool reads_from_node_ = false;
  std::string primary_;
  ConnectionPool pool_;
};

}  // namespace

int main() {
  RedisAdapter adapter;
  return fl_adapter::serve(adapter);
}
