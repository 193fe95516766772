// End to end: clients that are adapter processes (docs/adapters.md), played
// by tests/e2e/adapters/fake_adapter.py (its own store: a locked file) beside
// Maelstrom nodes it ignores.
// Each misbehaviour has its documented outcome, and the run goes on.
#include <unistd.h>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "faultline_run.hpp"

using faultline::e2e::dump;
using faultline::e2e::node_binary;
using faultline::e2e::read_file;
using faultline::e2e::run_scenario_text;
namespace fs = std::filesystem;

namespace adapter_protocol_test {

const std::string kFake = FAULTLINE_SOURCE_DIR "/tests/e2e/adapters/fake_adapter.py";

// A lin-kv scenario; the fake adapters keep the store in a fresh temp dir.
std::string scenario(const std::string& client) {
  return "name: adapters\nseed: 3\ntime_limit: 6s\nnodes:\n  count: 2\n  command: [" + node_binary("lin_kv") +
         "]\nworkload:\n  type: lin-kv\n  rate: 60\n  concurrency: 3\n  timeout: 1s\n"
         // Only the verdict on what was seen: a slow machine may see too few ops for `stats`.
         "checkers: [{type: linearizable, model: cas-register, keyed: true}]\nclient:\n" +
         client;
}

struct Store {
  fs::path dir = fs::temp_directory_path() /
                 ("fake-kv-" + std::to_string(::getpid()) + "-" + std::to_string(std::rand()));
  Store() { fs::create_directories(dir); }
  ~Store() { fs::remove_all(dir); }
};

std::string fake(const Store& store, const std::string& what = "", int every = 0) {
  std::string args = kFake + ", " + store.dir.string();
  if (!what.empty()) args += ", " + what + ", \"" + std::to_string(every) + "\"";
  return "  command: [" + args + "]\n";
}

// Ops completed as info whose error mentions `text`, and ok ops after the first of them.
std::pair<int, int> info_then_ok(const faultline::e2e::Outcome& out, const std::string& text) {
  int info = 0, ok_after = 0;
  for (const auto& op : out.history) {
    if (op.at("type") == "info" && op.contains("error") && op.at("error").is_string() &&
        op.at("error").as_string().find(text) != std::string::npos)
      ++info;
    else if (info > 0 && op.at("type") == "ok")
      ++ok_after;
  }
  return {info, ok_after};
}

int count(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (auto pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + 1)) ++n;
  return n;
}

TEST_CASE("an adapter client drives lin-kv to a valid verdict, logging to client-logs/", "[e2e][adapters]") {
  Store store;
  const auto out = run_scenario_text(scenario(fake(store)));
  INFO(dump(out));
  REQUIRE(out.exit_code == 0);
  CHECK(out.results.at("ops").at("ok").as_int64() > 20);
  CHECK(out.results.at("ops").at("info").as_int64() == 0);
  for (const char* id : {"c1", "c2", "c3"})
    CHECK(read_file(out.run_dir / "client-logs" / (std::string(id) + ".log")).find("started") !=
          std::string::npos);
  CHECK(out.leftover_pids.empty());
}

TEST_CASE("an adapter that crashes makes that op info and is restarted", "[e2e][adapters]") {
  Store store;
  const auto out = run_scenario_text(scenario(fake(store, "crash", 2)));
  INFO(dump(out));
  REQUIRE(out.exit_code == 0);
  const auto [info, ok_after] = info_then_ok(out, "exited with status 3");
  CHECK(info > 0);
  CHECK(ok_after > 0);
  CHECK(count(read_file(out.run_dir / "client-logs" / "c1.log"), "started") > 1);
  CHECK(out.leftover_pids.empty());
}

TEST_CASE("an adapter that answers garbage is a protocol error; the op is info", "[e2e][adapters]") {
  Store store;
  const auto out = run_scenario_text(scenario(fake(store, "garbage", 4)));
  INFO(dump(out));
  REQUIRE(out.exit_code == 0);
  const auto [info, ok_after] = info_then_ok(out, "broke the protocol");
  CHECK(info > 0);
  CHECK(ok_after > 0);
  const auto& pe = out.results.at("protocol_errors").as_object();
  CHECK(pe.at("count").as_int64() > 0);
  const auto& first = pe.at("first").as_array().at(0).as_object();
  CHECK(first.at("node").as_string().starts_with("c"));
  CHECK(first.at("line").as_string().find("this is not a reply") != std::string::npos);
  CHECK(out.leftover_pids.empty());
}

TEST_CASE("an adapter that never answers times out as info and is replaced", "[e2e][adapters]") {
  Store store;
  const auto out = run_scenario_text(scenario(fake(store, "silent", 4)));
  INFO(dump(out));
  REQUIRE(out.exit_code == 0);
  const auto [info, ok_after] = info_then_ok(out, "did not answer within 1s");
  CHECK(info > 0);
  CHECK(ok_after > 0);
  // Never fail: the op may have happened.
  for (const auto& op : out.history)
    if (op.at("type") == "fail") CHECK(op.at("error").is_array());  // [code, text] from the store only
  CHECK(out.leftover_pids.empty());
}

TEST_CASE("an adapter that answers the wrong request id is a protocol error; the op is info",
          "[e2e][adapters]") {
  Store store;
  const auto out = run_scenario_text(scenario(fake(store, "wrong-id", 4)));
  INFO(dump(out));
  REQUIRE(out.exit_code == 0);
  const auto [info, ok_after] = info_then_ok(out, "while request");
  CHECK(info > 0);
  CHECK(ok_after > 0);
  CHECK(out.results.at("protocol_errors").at("count").as_int64() > 0);
  CHECK(out.leftover_pids.empty());
}

TEST_CASE("an adapter that refuses init, or is missing, crashes the run with the reason", "[e2e][adapters]") {
  SECTION("refuses") {
    const auto out =
        run_scenario_text(scenario("  command: [" + std::string(FAULTLINE_BINARY_DIR) +
                                   "/adapters/etcd_adapter]\n  options: {consistency: sometimes}\n"));
    INFO(dump(out));
    REQUIRE(out.exit_code == 255);
    CHECK(out.output.find("refused init: option consistency is 'sometimes'") != std::string::npos);
    CHECK(out.leftover_pids.empty());
  }
  SECTION("missing") {
    const auto out = run_scenario_text(scenario("  command: [/nonexistent/adapter]\n"));
    INFO(dump(out));
    REQUIRE(out.exit_code == 255);
    CHECK(out.output.find("/nonexistent/adapter") != std::string::npos);
    CHECK(out.leftover_pids.empty());
  }
}

TEST_CASE("an interrupted run leaves no adapter behind", "[e2e][adapters]") {
  Store store;
  // Adapters that hang on a request are mid-call when the run is stopped.
  const auto out = run_scenario_text(scenario(fake(store, "silent", 2)), {}, 2500);
  INFO(dump(out));
  CHECK(out.exit_code == 255);
  CHECK(out.output.find("interrupted by SIGTERM") != std::string::npos);
  CHECK(out.leftover_pids.empty());
}

}  // namespace adapter_protocol_test
