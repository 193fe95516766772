// A nightly-style suite with random seeds over a broken and a correct node:
// the suite's verdicts, its JUnit, and the replay command of the failing run,
// which must reproduce that run's fault timeline exactly.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "faultline_run.hpp"

namespace fs = std::filesystem;
using faultline::e2e::node_binary;

namespace suite_replay_test {

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int shell(const std::string& cmd) {
  const int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : 255;
}

// The nemesis ops of a run: what was done (minus pids, which differ by
// nature) and when, in ms after the first client op. The schedule runs from
// the main phase's start; how long the nodes took to start before it varies
// with the machine's load (a loaded machine shifted a whole timeline by 350 ms).
std::vector<std::pair<std::string, std::int64_t>> nemesis_ops(const fs::path& history) {
  std::vector<std::pair<std::string, std::int64_t>> ops;
  std::ifstream in(history);
  std::int64_t main_start = -1;
  for (std::string line; std::getline(in, line);) {
    auto op = boost::json::parse(line).as_object();
    if (main_start < 0 && op.at("process").is_int64()) main_start = op.at("time").as_int64();
    if (op.at("process") != "nemesis") continue;
    auto value = op.at("value").as_object();
    value.erase("pids");
    ops.emplace_back(std::string(op.at("f").as_string()) + " " + boost::json::serialize(value),
                     (op.at("time").as_int64() - std::max<std::int64_t>(main_start, 0)) / 1000000);
  }
  return ops;
}

TEST_CASE("a suite with random seeds: verdicts, JUnit, and a replay that reproduces the faults",
          "[e2e][suite]") {
  const fs::path dir = fs::temp_directory_path() / ("suite-e2e-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "lossy.yaml")
      << "name: lossy-broadcast\ntime_limit: 3s\nnodes:\n  count: 5\n  command: ["
      << node_binary("broadcast_broken") << "]\nnetwork:\n  loss: 0.2\n"
      << "workload:\n  type: broadcast\n  rate: 60\n  timeout: 500ms\n  quiesce: 1s\n"
      << "nemesis:\n  - random: {pool: [{type: partition, shape: random-halves}, "
         "{type: partition, shape: isolate, targets: {random: 2}}], interval: 200ms..600ms, "
         "for: 300ms..700ms, max_concurrent: 1}\n";
  std::ofstream(dir / "echo.yaml") << "name: echo-ok\ntime_limit: 1s\nnodes:\n  count: 2\n  command: ["
                                   << node_binary("echo") << "]\nworkload:\n  type: echo\n  rate: 50\n";
  std::ofstream(dir / "suite.yaml") << "name: mini-nightly\nscenarios: [lossy.yaml, echo.yaml]\n"
                                       "seeds: random\nrepeats: 1\njobs: 2\ntimeout: 2m\nstore: "
                                    << (dir / "store").string() << "\n";
  const int code = shell(std::string(FAULTLINE_BINARY_DIR "/faultline suite ") +
                         (dir / "suite.yaml").string() + " > " + (dir / "out.txt").string() + " 2>&1");
  const std::string output = read(dir / "out.txt");
  INFO(output);
  REQUIRE(code == 1);  // the worst outcome: invalid

  const fs::path suite_dir = dir / "store" / "suites" / "latest";
  const auto summary = boost::json::parse(read(suite_dir / "summary.json")).as_object();
  REQUIRE(summary.at("runs").as_array().size() == 2);
  CHECK(summary.at("counts").at("invalid") == 1);
  CHECK(summary.at("counts").at("valid") == 1);
  const std::string junit = read(suite_dir / "junit.xml");
  CHECK(junit.find("failures=\"1\"") != std::string::npos);
  CHECK(junit.find("<failure") != std::string::npos);

  // The failing run, and the one command that replays it.
  boost::json::object failing;
  for (const auto& r : summary.at("runs").as_array())
    if (r.at("verdict") == "invalid") failing = r.as_object();
  REQUIRE(!failing.empty());
  std::string replay(failing.at("replay").as_string());
  CHECK(output.find(replay) != std::string::npos);
  REQUIRE(replay.rfind("faultline run ", 0) == 0);
  replay.replace(0, 9, FAULTLINE_BINARY_DIR "/faultline");
  const fs::path replay_dir = dir / "replay";
  CHECK(shell(replay + " --no-progress --store " + (dir / "store").string() + " --run-dir " +
              replay_dir.string() + " > /dev/null 2>&1") == 1);

  const auto original =
      nemesis_ops(fs::path(std::string(failing.at("run_dir").as_string())) / "history.jsonl");
  const auto replayed = nemesis_ops(replay_dir / "history.jsonl");
  REQUIRE(original.size() >= 4);
  REQUIRE(original.size() == replayed.size());
  for (std::size_t i = 0; i < original.size(); ++i) {
    CHECK(original[i].first == replayed[i].first);
    CHECK(std::abs(original[i].second - replayed[i].second) < 250);
  }
  fs::remove_all(dir);
}

}  // namespace suite_replay_test
