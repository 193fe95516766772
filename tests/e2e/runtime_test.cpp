// End to end: real faultline runs against the real nodes in nodes/, correct
// and broken, asserting the verdict, its evidence, and that nothing is left
// running afterwards.
#include <catch2/catch.hpp>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "faultline_run.hpp"

using faultline::e2e::dump;
using faultline::e2e::node_binary;
using faultline::e2e::run_scenario_file;
using faultline::e2e::run_scenario_text;

namespace runtime_test {

std::string scenario(const std::string& node, const std::string& workload, const std::string& extra = "",
                     const std::string& time_limit = "2s") {
  return "name: e2e\nseed: 7\ntime_limit: " + time_limit + "\nnodes:\n  count: 3\n  command: [" + node +
         "]\n  init_timeout: 2s\nworkload:\n  type: " + workload +
         "\n  rate: 100\n  concurrency: 2n\n  timeout: 1s\n" + extra;
}

TEST_CASE("quickstart scenario is valid", "[e2e]") {
  const auto out = run_scenario_file("scenarios/quickstart.yaml");
  INFO(dump(out));
  REQUIRE(out.exit_code == 0);
  REQUIRE(out.results.at("valid") == true);
  CHECK(out.results.at("ops").at("ok").as_int64() > 100);
  CHECK(out.results.at("network").at("all").at("dropped").as_int64() > 0);
  // The partition shows in the history as nemesis ops.
  int nemesis_ops = 0;
  for (const auto& op : out.history)
    if (op.at("process") == "nemesis") ++nemesis_ops;
  CHECK(nemesis_ops == 2);
  CHECK(out.leftover_pids.empty());
}

TEST_CASE("broken unique-ids is invalid and names the duplicated ids", "[e2e]") {
  const auto out = run_scenario_text(scenario(node_binary("unique_ids_broken"), "unique-ids"));
  INFO(dump(out));
  REQUIRE(out.exit_code == 1);
  REQUIRE(out.results.at("valid") == false);
  const auto& check = out.results.at("checkers").at("unique-ids").as_object();
  CHECK(check.at("valid") == false);
  CHECK(check.at("duplicated-count").as_int64() > 0);
  REQUIRE(!check.at("duplicated").as_array().empty());
  INFO(boost::json::serialize(check.at("duplicated")));
  CHECK(check.at("duplicated").as_array().at(0).is_object());
  CHECK(out.leftover_pids.empty());
}

TEST_CASE("a node printing garbage is recorded, not silenced", "[e2e]") {
  const auto out = run_scenario_text(scenario(node_binary("garbage"), "echo"));
  INFO(dump(out));
  REQUIRE(out.exit_code == 0);
  const auto& pe = out.results.at("protocol_errors").as_object();
  CHECK(pe.at("count").as_int64() > 0);
  const auto& first = pe.at("first").as_array().at(0).as_object();
  CHECK(first.at("node").as_string().starts_with("n"));
  CHECK(!first.at("line").as_string().empty());
  // Echoes kept flowing after the first bad line: every op completed ok.
  CHECK(out.results.at("ops").at("info").as_int64() == 0);
  CHECK(out.results.at("ops").at("ok").as_int64() > 50);
  CHECK(out.leftover_pids.empty());
}

TEST_CASE("a node that exits early crashes the run with its log tail", "[e2e]") {
  const auto out = run_scenario_text(scenario(node_binary("early_exit"), "echo", "", "5s"));
  INFO(dump(out));
  REQUIRE(out.exit_code == 255);
  CHECK(out.output.find("exited early with status 3") != std::string::npos);
  CHECK(out.output.find("giving up") != std::string::npos);
  CHECK(out.results.at("error").as_string().find("exited early") != std::string::npos);
  CHECK(out.leftover_pids.empty());
}

TEST_CASE("a node killed by a signal is reported by that signal, not as an exit status", "[e2e]") {
  const auto out = run_scenario_text(scenario(node_binary("early_exit") + ", --kill", "echo", "", "5s"));
  INFO(dump(out));
  REQUIRE(out.exit_code == 255);
  CHECK(out.output.find("exited early: killed by signal 9 (SIGKILL)") != std::string::npos);
  CHECK(out.output.find("status 9") == std::string::npos);
  CHECK(out.results.at("error").as_string().find("killed by signal 9 (SIGKILL)") != std::string::npos);
  CHECK(out.leftover_pids.empty());
}

TEST_CASE("a node flooding stderr gets a capped log: its head, a note of the cut, its tail", "[e2e]") {
  const auto out = run_scenario_text(scenario(node_binary("stderr_flood"), "echo", "", "3s"));
  INFO(dump(out));
  REQUIRE(out.exit_code == 0);
  const auto log_path = out.run_dir / "node-logs" / "n1.log";
  REQUIRE(std::filesystem::exists(log_path));
  CHECK(std::filesystem::file_size(log_path) < (3u << 20));
  std::ifstream in(log_path);
  const std::string log((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(log.find("stderr_flood: line 0 ") != std::string::npos);
  CHECK(log.find("bytes of this node's stderr cut here") != std::string::npos);
  CHECK(log.find("stderr_flood: done") != std::string::npos);
  const auto& cuts = out.results.at("node_logs_cut").as_object();
  REQUIRE(cuts.contains("n1"));
  CHECK(cuts.at("n1").to_number<double>() > 60e6);
  CHECK(out.output.find("n1's stderr over the cap") != std::string::npos);
  CHECK(out.leftover_pids.empty());
}

TEST_CASE("a node that never answers init is a clear error", "[e2e]") {
  const auto out = run_scenario_text(scenario(node_binary("no_init"), "echo"));
  INFO(dump(out));
  REQUIRE(out.exit_code == 255);
  CHECK(out.output.find("did not answer init") != std::string::npos);
  CHECK(out.leftover_pids.empty());
}

TEST_CASE("init_ok must come from the node that was initialised", "[e2e]") {
  // n1 answers init for n1, n2 and n3; n2 and n3 stay silent.
  const auto out = run_scenario_text(scenario(node_binary("init_impostor"), "echo"));
  INFO(dump(out));
  REQUIRE(out.exit_code == 255);
  CHECK(out.output.find("node n2 did not answer init") != std::string::npos);
  CHECK(out.output.find("another node answered in its place") != std::string::npos);
  CHECK(out.output.find("\"src\":\"n1\"") != std::string::npos);
  CHECK(out.leftover_pids.empty());
}

TEST_CASE("a missing binary is a clear error", "[e2e]") {
  const auto out = run_scenario_text(scenario("/nonexistent/node-binary", "echo"));
  INFO(dump(out));
  REQUIRE(out.exit_code == 255);
  CHECK(out.output.find("/nonexistent/node-binary") != std::string::npos);
  CHECK(out.output.find("does not exist") != std::string::npos);
  CHECK(out.leftover_pids.empty());
}

TEST_CASE("SIGTERM tears every node down and keeps the history", "[e2e]") {
  const auto out = run_scenario_text(scenario(node_binary("echo"), "echo", "", "30s"), {}, 1500);
  INFO(dump(out));
  REQUIRE(out.exit_code == 255);
  CHECK(out.output.find("interrupted by SIGTERM") != std::string::npos);
  CHECK(out.history.size() > 20);
  CHECK(out.leftover_pids.empty());
}

TEST_CASE("SIGHUP ends a run like SIGINT: results say interrupted, history kept", "[e2e]") {
  const auto out = run_scenario_text(scenario(node_binary("echo"), "echo", "", "30s"), {}, 1500, SIGHUP);
  INFO(dump(out));
  REQUIRE(out.exit_code == 255);
  CHECK(out.output.find("interrupted by SIGHUP") != std::string::npos);
  REQUIRE(out.results.contains("verdict"));
  CHECK(out.results.at("verdict") == "interrupted");
  CHECK(out.results.at("interrupted") == true);
  CHECK(out.history.size() > 20);
  CHECK(out.leftover_pids.empty());
}

TEST_CASE("SIGPIPE does not kill the harness", "[e2e]") {
  const auto out = run_scenario_text(scenario(node_binary("echo"), "echo", "", "2s"), {}, 1000, SIGPIPE);
  INFO(dump(out));
  CHECK(out.exit_code == 0);
  CHECK(out.results.at("verdict") == "valid");
  CHECK(out.leftover_pids.empty());
}

TEST_CASE("a bad scenario is bad input with file:line:column", "[e2e]") {
  const auto out = run_scenario_text("name: x\nnodes:\n  count: 3\n  comand: [x]\n");
  INFO(dump(out));
  REQUIRE(out.exit_code == 254);
  CHECK(out.output.find("scenario.yaml:4:3") != std::string::npos);
}

TEST_CASE("a final phase that would never end is cut at its time limit", "[e2e]") {
  // The echo node answers every dequeue with error 10 (not supported), never
  // with 20 (empty), so the drain never learns the queue is empty.
  const auto out = run_scenario_text(
      "name: endless\nseed: 3\ntime_limit: 1s\nnodes:\n  count: 2\n  command: [" + node_binary("echo") +
      "]\nworkload:\n  type: queue\n  rate: 50\n  timeout: 500ms\n  quiesce: 100ms\n"
      "  final_time_limit: 1500ms\n  params: {drain_limit: 1000000}\n");
  INFO(dump(out));
  REQUIRE(out.results.at("final_phase_cut") == true);
  CHECK(out.results.at("duration_s").to_number<double>() < 8.0);
  CHECK(out.output.find("final phase: cut") != std::string::npos);
  CHECK(out.leftover_pids.empty());
}

TEST_CASE("a run dir that already holds files is refused, not reused", "[e2e]") {
  // Reusing it kept the previous run's data/ and appended to its logs:
  // persistent-counter flipped from valid to invalid on the second run.
  const std::string yaml = scenario(node_binary("echo"), "echo", "", "1s");
  const auto first = run_scenario_text(yaml);
  REQUIRE(first.exit_code == 0);
  const auto second = run_scenario_text(yaml, {"--run-dir", first.run_dir.string()});
  INFO(dump(second));
  CHECK(second.exit_code == 254);
  CHECK(second.output.find("is not empty") != std::string::npos);
  // The first run's files are untouched.
  std::ifstream in(first.run_dir / "results.json");
  CHECK(boost::json::parse(std::string(std::istreambuf_iterator<char>(in), {})) == first.results);
  CHECK(second.leftover_pids.empty());
}

}  // namespace runtime_test
