// The redis adapter against real redis-servers from Debian: one primary,
// and a replica of it for the read routing.
#include <catch2/catch.hpp>

#include <thread>

#include "adapter_driver.hpp"
#include "real_server.hpp"

using namespace adapters_test;

namespace {

std::unique_ptr<RealServer> start_redis(std::vector<std::string> extra = {}) {
  std::vector<std::string> argv{"redis-server", "--port",  "{{port}}", "--bind", "127.0.0.1",
                                "--dir",        "{{dir}}", "--save",   ""};
  argv.insert(argv.end(), extra.begin(), extra.end());
  auto redis = std::make_unique<RealServer>("redis", argv);
  REQUIRE(redis->wait_listening());
  return redis;
}

}  // namespace

TEST_CASE("redis adapter: lin-kv and counters with Maelstrom's error codes", "[adapters][redis]") {
  if (!installed("redis-server")) FAIL("redis-server is not installed: run scripts/install-deps.sh");
  auto redis = start_redis();
  AdapterDriver a(adapter_binary("redis_adapter"), {{"n1", {{"client", redis->address()}}}});
  REQUIRE(a.init_reply().at("type") == "init_ok");
  CHECK(error_code(*a.call("n1", {{"type", "read"}, {"key", 1}})) == 20);
  CHECK(error_code(*a.call("n1", {{"type", "cas"}, {"key", 1}, {"from", 1}, {"to", 2}})) == 20);
  CHECK(a.call("n1", {{"type", "write"}, {"key", 1}, {"value", 3}})->at("type") == "write_ok");
  CHECK(a.call("n1", {{"type", "read"}, {"key", 1}})->at("value") == 3);
  CHECK(error_code(*a.call("n1", {{"type", "cas"}, {"key", 1}, {"from", 1}, {"to", 2}})) == 22);
  CHECK(a.call("n1", {{"type", "cas"}, {"key", 1}, {"from", 3}, {"to", 4}})->at("type") == "cas_ok");
  CHECK(a.call("n1", {{"type", "read"}, {"key", 1}})->at("value") == 4);
  CHECK(error_code(*a.call("n1", {{"type", "read"}, {"key", 2}})) == 20);

  CHECK(a.call("n1", {{"type", "read"}})->at("value") == 0);
  CHECK(a.call("n1", {{"type", "add"}, {"delta", 5}})->at("type") == "add_ok");
  CHECK(a.call("n1", {{"type", "add"}, {"delta", -2}})->at("type") == "add_ok");
  CHECK(a.call("n1", {{"type", "read"}})->at("value") == 3);

  redis->pause();
  AdapterDriver slow(adapter_binary("redis_adapter"), {{"n1", {{"client", redis->address()}}}},
                     {{"timeout_ms", 300}});
  CHECK(error_code(*slow.call("n1", {{"type", "write"}, {"key", 1}, {"value", 1}})) == 0);
  CHECK(error_code(*slow.call("n1", {{"type", "read"}, {"key", 1}})) == 11);
  redis->kill();
  CHECK(error_code(*slow.call("n1", {{"type", "add"}, {"delta", 1}})) == 11);
}

TEST_CASE("redis adapter: writes go to the primary, reads where `reads` says", "[adapters][redis]") {
  if (!installed("redis-server")) FAIL("redis-server is not installed: run scripts/install-deps.sh");
  auto primary = start_redis();
  auto replica = start_redis({"--replicaof", "127.0.0.1", std::to_string(primary->port())});
  const json::object nodes{{"n1", {{"client", primary->address()}}},
                           {"n2", {{"client", replica->address()}}}};
  AdapterDriver by_node(adapter_binary("redis_adapter"), nodes, {{"reads", "node"}, {"timeout_ms", 300}});
  AdapterDriver by_primary(adapter_binary("redis_adapter"), nodes, {{"timeout_ms", 300}});

  // Bound to the replica, the write still reaches the primary (a replica would refuse it).
  CHECK(by_node.call("n2", {{"type", "write"}, {"key", 7}, {"value", 2}})->at("type") == "write_ok");
  bool replicated = false;
  for (int i = 0; i < 100 && !replicated; ++i) {
    auto r = by_node.call("n2", {{"type", "read"}, {"key", 7}});
    replicated = r && r->at("type") == "read_ok" && r->at("value") == 2;
    if (!replicated) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CHECK(replicated);

  // With the replica stopped, only the adapter that reads from it notices.
  replica->pause();
  CHECK(error_code(*by_node.call("n2", {{"type", "read"}, {"key", 7}})) == 11);
  CHECK(by_primary.call("n2", {{"type", "read"}, {"key", 7}})->at("value") == 2);
  replica->resume();
}
