// End to end: lin-kv against the correct replicated node and its broken
// variants, then `faultline check` on the recorded history (JSONL and the
// Jepsen EDN the run wrote).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "faultline_run.hpp"

using faultline::e2e::node_binary;
using faultline::e2e::run_check;
using faultline::e2e::run_scenario_text;

namespace {

std::string lin_kv_scenario(const std::string& command, const std::string& nemesis) {
  return "name: lin\nseed: 7\ntime_limit: 6s\nnodes:\n  count: 3\n  command: " + command +
         "\nnetwork:\n  latency: {distribution: exponential, mean: 3ms}\n"
         "workload:\n  type: lin-kv\n  rate: 150\n  concurrency: 2n\n  timeout: 500ms\n"
         "nemesis:\n" +
         nemesis;
}

const std::string kIsolateLeader =
    "  - {at: 1500ms, for: 2500ms, fault: {type: partition, shape: isolate, targets: [n1]}}\n";

}  // namespace

TEST_CASE("replicated lin-kv stays linearizable with its leader isolated and killed", "[e2e][lin]") {
  const auto out = run_scenario_text(
      lin_kv_scenario("[" + node_binary("lin_kv") + ", --data-dir, \"{{data_dir}}\"]",
                      kIsolateLeader + "  - {at: 4500ms, for: 1s, fault: {type: kill, targets: [n1]}}\n"));
  INFO(out.output);
  REQUIRE(out.exit_code == 0);
  const auto& lin = out.results.at("checkers").at("linearizable").as_object();
  CHECK(lin.at("valid") == true);
  CHECK(lin.at("ops").as_int64() > 200);
  CHECK(out.leftover_pids.empty());
}

TEST_CASE("a leader that acks before replicating loses writes: counterexample", "[e2e][lin]") {
  const auto out =
      run_scenario_text(lin_kv_scenario("[" + node_binary("lin_kv_lossy") + "]", kIsolateLeader));
  INFO(out.output);
  REQUIRE(out.exit_code == 1);
  const auto& lin = out.results.at("checkers").at("linearizable").as_object();
  REQUIRE(lin.at("valid") == false);
  const auto& bad = lin.at("invalid").as_array().at(0).as_object();
  CHECK(bad.contains("key"));
  CHECK(bad.at("op").as_object().contains("description"));
  CHECK(!bad.at("longest_prefix").as_array().empty());
  CHECK(std::filesystem::exists(out.run_dir / "linearizability.html"));
  CHECK(out.leftover_pids.empty());

  SECTION("faultline check reaches the same verdict from the JSONL and the EDN history") {
    std::string text;
    CHECK(run_check("--model cas-register --keyed " + (out.run_dir / "history.jsonl").string(), &text) == 1);
    CHECK(text.find("\"valid\": false") != std::string::npos);
    CHECK(run_check("--model cas-register --keyed " + (out.run_dir / "history.edn").string(), &text) == 1);
    CHECK(run_check("--model cas-register --keyed /nonexistent/history.edn", &text) == 254);
    // Without --keyed the [key value] reads are refused, not checked as one register.
    CHECK(run_check("--model cas-register " + (out.run_dir / "history.jsonl").string(), &text) == 254);
    CHECK(text.find("--keyed") != std::string::npos);
  }
}

TEST_CASE("nodes serving reads from local state are caught with stale reads", "[e2e][lin]") {
  const auto out =
      run_scenario_text(lin_kv_scenario("[" + node_binary("lin_kv_stale") + "]", kIsolateLeader));
  INFO(out.output);
  REQUIRE(out.exit_code == 1);
  CHECK(out.results.at("checkers").at("linearizable").at("valid") == false);
  CHECK(out.leftover_pids.empty());
}
