// The etcd adapter against a real single-member etcd from Debian.
#include <catch2/catch.hpp>

#include <signal.h>
#include <thread>

#include "adapter_driver.hpp"
#include "real_server.hpp"

using namespace adapters_test;

namespace {

std::unique_ptr<RealServer> start_etcd() {
  auto etcd = std::make_unique<RealServer>(
      "etcd", std::vector<std::string>{
                  "etcd", "--name", "n1", "--data-dir", "{{dir}}/data", "--listen-client-urls",
                  "http://127.0.0.1:{{port}}", "--advertise-client-urls", "http://127.0.0.1:{{port}}",
                  "--listen-peer-urls", "http://127.0.0.1:{{port2}}", "--initial-advertise-peer-urls",
                  "http://127.0.0.1:{{port2}}", "--initial-cluster", "n1=http://127.0.0.1:{{port2}}"});
  REQUIRE(etcd->wait_listening());
  return etcd;
}

json::object nodes_of(const RealServer& s) { return {{"n1", {{"client", s.address()}}}}; }

// Listening is not serving: wait until a write goes through (leader elected).
void wait_serving(AdapterDriver& a) {
  for (int i = 0; i < 100; ++i) {
    auto r = a.call("n1", {{"type", "write"}, {"key", 999}, {"value", 0}});
    if (r && r->at("type") == "write_ok") return;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  FAIL("etcd never accepted a write");
}

}  // namespace

TEST_CASE("etcd adapter: lin-kv read, write and cas with Maelstrom's error codes", "[adapters][etcd]") {
  if (!installed("etcd")) FAIL("etcd is not installed: run scripts/install-deps.sh");
  auto etcd = start_etcd();
  for (const char* consistency : {"linearizable", "serializable"}) {
    INFO(consistency);
    AdapterDriver a(adapter_binary("etcd_adapter"), nodes_of(*etcd), {{"consistency", consistency}});
    REQUIRE(a.init_reply().at("type") == "init_ok");
    wait_serving(a);
    const int key = consistency == std::string("linearizable") ? 1 : 2;
    CHECK(error_code(*a.call("n1", {{"type", "read"}, {"key", key}})) == 20);
    CHECK(error_code(*a.call("n1", {{"type", "cas"}, {"key", key}, {"from", 1}, {"to", 2}})) == 20);
    CHECK(a.call("n1", {{"type", "write"}, {"key", key}, {"value", 3}})->at("type") == "write_ok");
    CHECK(a.call("n1", {{"type", "read"}, {"key", key}})->at("value") == 3);
    CHECK(error_code(*a.call("n1", {{"type", "cas"}, {"key", key}, {"from", 1}, {"to", 2}})) == 22);
    CHECK(a.call("n1", {{"type", "cas"}, {"key", key}, {"from", 3}, {"to", 4}})->at("type") == "cas_ok");
    CHECK(a.call("n1", {{"type", "read"}, {"key", key}})->at("value") == 4);
    CHECK(error_code(*a.call("n1", {{"type", "add"}, {"delta", 1}})) == 10);
  }
  const int pid = etcd->pid();
  etcd.reset();
  CHECK(::kill(pid, 0) != 0);
}

TEST_CASE("etcd adapter: unknown options are refused at init", "[adapters][etcd]") {
  AdapterDriver a(adapter_binary("etcd_adapter"), {{"n1", {{"client", "127.0.0.1:1"}}}},
                  {{"consistency", "eventual"}});
  CHECK(a.init_reply().at("type") == "error");
  CHECK(std::string(a.init_reply().at("text").as_string()).find("consistency") != std::string::npos);
  AdapterDriver b(adapter_binary("etcd_adapter"), {{"n1", {{"client", "127.0.0.1:1"}}}}, {{"colour", "red"}});
  CHECK(b.init_reply().at("type") == "error");
}

TEST_CASE("etcd adapter: a timeout or a lost connection is indeterminate, a refused one definite",
          "[adapters][etcd]") {
  if (!installed("etcd")) FAIL("etcd is not installed: run scripts/install-deps.sh");
  auto etcd = start_etcd();
  // The request must be on the wire when etcd is killed: sent well before
  // the kill (500 ms even on a loaded machine), and not yet timed out.
  AdapterDriver a(adapter_binary("etcd_adapter"), nodes_of(*etcd), {{"timeout_ms", 2000}});
  wait_serving(a);

  etcd->pause();
  const auto timed_out = a.call("n1", {{"type", "write"}, {"key", 1}, {"value", 1}});
  CHECK(error_code(*timed_out) == 0);
  // A read changes nothing: whatever went wrong, it did not happen.
  CHECK(error_code(*a.call("n1", {{"type", "read"}, {"key", 1}})) == 11);

  // Killed while the write is on the wire: the connection drops mid-request.
  a.pipe().write_line(R"({"id":99,"node":"n1","body":{"type":"write","key":1,"value":2}})");
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  etcd->kill();
  const auto line = a.pipe().read_line(std::chrono::milliseconds(5000));
  REQUIRE(line);
  CHECK(error_code(json::parse(*line).at("body").as_object()) == 13);

  // Nothing listens any more: the request was never sent.
  CHECK(error_code(*a.call("n1", {{"type", "write"}, {"key", 1}, {"value", 3}})) == 11);
}
