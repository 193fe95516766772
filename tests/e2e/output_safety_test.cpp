// What the harness writes stays readable and where it was promised, whatever
// the node printed or the user named.
#include <unistd.h>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "faultline_run.hpp"

using faultline::e2e::dump;
using faultline::e2e::node_binary;
using faultline::e2e::run_check;
using faultline::e2e::run_scenario_text;

namespace {

std::string echo_scenario(const std::string& name, const std::string& command) {
  return "name: " + name + "\nseed: 7\ntime_limit: 1s\nnodes:\n  count: 2\n  command: " + command +
         "\n  init_timeout: 2s\nworkload:\n  type: echo\n  rate: 50\n  timeout: 1s\n";
}

}  // namespace

TEST_CASE("invalid UTF-8 from a node is escaped and results.json still parses", "[e2e]") {
  // Before init the node prints a line of raw bytes: a protocol error that
  // results.json quotes.
  const auto out = run_scenario_text(echo_scenario(
      "utf8", "[sh, -c, 'printf \"\\377\\376 not json\\n\"; exec " + node_binary("echo") + "']"));
  INFO(dump(out));
  REQUIRE(out.exit_code == 0);
  REQUIRE_FALSE(out.results.empty());  // empty when results.json does not parse
  const std::string text = boost::json::serialize(out.results.at("protocol_errors"));
  CHECK(text.find("\\\\xFF\\\\xFE not json") != std::string::npos);
}

TEST_CASE("a crashed node's invalid UTF-8 log tail keeps results.json parseable", "[e2e]") {
  const auto out = run_scenario_text(
      echo_scenario("utf8-crash", "[sh, -c, 'read init; printf \"dying \\377\\n\" >&2; exit 3']"));
  INFO(dump(out));
  REQUIRE(out.exit_code == 255);
  REQUIRE_FALSE(out.results.empty());
  CHECK(std::string(out.results.at("verdict").as_string()) == "crash");
  CHECK(std::string(out.results.at("error").as_string()).find("dying \\xFF") != std::string::npos);
}

TEST_CASE("numbers in results.json are plain decimals", "[e2e]") {
  const auto out = run_scenario_text(echo_scenario("numbers", "[" + node_binary("echo") + "]"));
  INFO(dump(out));
  REQUIRE(out.exit_code == 0);
  std::ifstream in(out.run_dir / "results.json");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text.find("\"time_limit_s\": 1,") != std::string::npos);
  CHECK(text.find("E0") == std::string::npos);
  CHECK(text.find("E-") == std::string::npos);
}

TEST_CASE("the store's own names 'latest' and 'suites' cannot name a scenario", "[e2e]") {
  for (const std::string name : {"latest", "suites"}) {
    const auto out = run_scenario_text(echo_scenario(name, "[" + node_binary("echo") + "]"));
    INFO(dump(out));
    CHECK(out.exit_code == 254);
    CHECK(out.output.find("scenario.yaml:1:7") != std::string::npos);
    CHECK(out.output.find("reserved") != std::string::npos);
  }
}

TEST_CASE("check --html into a directory that does not exist is an error, not 'wrote'", "[e2e]") {
  const auto work = std::filesystem::temp_directory_path() / ("faultline-html-" + std::to_string(::getpid()));
  std::filesystem::create_directories(work);
  const std::string history = (work / "h.jsonl").string();
  std::ofstream(history)
      << "{\"index\":0,\"time\":0,\"process\":0,\"type\":\"invoke\",\"f\":\"write\",\"value\":1}\n"
         "{\"index\":1,\"time\":5,\"process\":0,\"type\":\"ok\",\"f\":\"write\",\"value\":1}\n";
  std::string output;
  // The same check into a writable place works: only the path is wrong below.
  REQUIRE(run_check("--model register " + history + " --html " + (work / "x.html").string(), &output) == 0);
  CHECK(std::filesystem::file_size(work / "x.html") > 100);
  const int code = run_check("--model register " + history + " --html /nonexistent/dir/x.html", &output);
  INFO(output);
  CHECK(code == 254);
  CHECK(output.find("/nonexistent/dir/x.html") != std::string::npos);
  CHECK(output.find("wrote") == std::string::npos);
  std::filesystem::remove_all(work);
}
