// The Python adapter printed in docs/adapters.md, run as a user would copy it,
// against a real redis-server: the docs' example must keep working.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "adapter_driver.hpp"
#include "real_server.hpp"

using namespace adapters_test;

namespace {

std::string python_block(const std::string& markdown_path) {
  std::ifstream in(markdown_path);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string open = "```python\n";
  const auto start = text.find(open);
  REQUIRE(start != std::string::npos);
  const auto end = text.find("```", start + open.size());
  REQUIRE(end != std::string::npos);
  return text.substr(start + open.size(), end - start - open.size());
}

}  // namespace

TEST_CASE("the Python adapter in docs/adapters.md does lin-kv on a real redis", "[adapters][docs]") {
  if (!installed("redis-server") || !installed("python3"))
    FAIL("redis-server and python3 are needed: run scripts/install-deps.sh");
  RealServer redis("redis", {"redis-server", "--port", "{{port}}", "--bind", "127.0.0.1", "--dir", "{{dir}}",
                             "--save", ""});
  REQUIRE(redis.wait_listening());
  const auto script = redis.dir() / "docs_adapter.py";
  {
    std::ofstream out(script);
    out << python_block(FAULTLINE_SOURCE_DIR "/docs/adapters.md");
  }
  ::chmod(script.c_str(), 0755);

  AdapterDriver a(script.string(), {{"n1", {{"client", redis.address()}}}});
  REQUIRE(a.init_reply().at("type") == "init_ok");
  CHECK(error_code(*a.call("n1", {{"type", "read"}, {"key", 1}})) == 20);
  CHECK(error_code(*a.call("n1", {{"type", "cas"}, {"key", 1}, {"from", 1}, {"to", 2}})) == 20);
  CHECK(a.call("n1", {{"type", "write"}, {"key", 1}, {"value", 3}})->at("type") == "write_ok");
  CHECK(error_code(*a.call("n1", {{"type", "cas"}, {"key", 1}, {"from", 1}, {"to", 2}})) == 22);
  CHECK(a.call("n1", {{"type", "cas"}, {"key", 1}, {"from", 3}, {"to", 4}})->at("type") == "cas_ok");
  CHECK(a.call("n1", {{"type", "read"}, {"key", 1}})->at("value") == 4);
  redis.kill();
  // The open connection died under a write: maybe it happened.
  CHECK(error_code(*a.call("n1", {{"type", "write"}, {"key", 1}, {"value", 5}})) == 13);
  // Nothing listens: a write that was never sent is a definite failure.
  CHECK(error_code(*a.call("n1", {{"type", "write"}, {"key", 1}, {"value", 6}})) == 11);
}
