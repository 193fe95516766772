// End to end: ^C while the checkers run (the event loop has stopped by then)
// ends the run at once with what it has: the complete history, results.json
// saying it was interrupted while checking, the report.
#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>

#include "faultline_run.hpp"

namespace fs = std::filesystem;
using faultline::e2e::node_binary;
using faultline::e2e::run_scenario_text;

TEST_CASE("a signal while checking ends the run at once and keeps history, results and report",
          "[e2e][signals]") {
  // The checkers start 60 s late: the signal at 8 s lands in the checking phase.
  ::setenv("FAULTLINE_TEST_CHECK_PAUSE_MS", "60000", 1);
  const auto start = std::chrono::steady_clock::now();
  const auto out = run_scenario_text(
      "name: check-interrupt\nseed: 9\ntime_limit: 1s\nnodes:\n  count: 2\n"
      "  command: [" +
          node_binary("echo") + "]\nworkload:\n  type: echo\n  rate: 50\n",
      {}, 8000, SIGINT);
  ::unsetenv("FAULTLINE_TEST_CHECK_PAUSE_MS");
  const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  INFO(out.output);
  CHECK(took < 30);
  CHECK(out.exit_code == 255);
  REQUIRE_FALSE(out.results.empty());
  CHECK(out.results.at("verdict").as_string() == "interrupted");
  CHECK(std::string(out.results.at("error").as_string()).find("SIGINT while checking") != std::string::npos);
  // Each checker that had not finished says so.
  CHECK(std::string(out.results.at("checkers").at("echo").at("reason").as_string())
            .find("before this checker finished") != std::string::npos);
  CHECK(out.history.size() > 40);
  CHECK(fs::file_size(out.run_dir / "history.edn") > 0);
  CHECK(fs::exists(out.run_dir / "report.html"));
  CHECK(out.leftover_pids.empty());
}
