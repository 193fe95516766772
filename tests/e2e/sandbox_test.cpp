// End to end: each run lives in its own namespaces (harness/runtime/sandbox.*):
// nothing a node starts outlives the run, even a daemon or a SIGKILLed
// harness; ports inside never clash with the host or a parallel run; nodes
// run in their own directory in the run dir.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "faultline_run.hpp"

using faultline::e2e::dump;
using faultline::e2e::node_binary;
using faultline::e2e::run_scenario_text;
namespace fs = std::filesystem;

namespace {

std::string spawner_scenario(const std::string& time_limit, int nodes = 3, const std::string& args = "") {
  return "name: sandbox\nseed: 3\ntime_limit: " + time_limit + "\nnodes:\n  count: " + std::to_string(nodes) +
         "\n  command: [" + node_binary("spawner") + args +
         "]\n  init_timeout: 2s\nworkload:\n  type: echo\n  rate: 50\n  timeout: 1s\n";
}

// A listening socket of the host (this test process) on 127.0.0.1.
struct HostListener {
  int fd = -1;
  int port = 0;
  HostListener() {
    fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(::listen(fd, 1) == 0);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    port = ntohs(addr.sin_port);
  }
  ~HostListener() { ::close(fd); }
};

}  // namespace

TEST_CASE("a normal end leaves no process behind, not even a node's daemon", "[e2e][sandbox]") {
  const auto out = run_scenario_text(spawner_scenario("1s"));
  INFO(dump(out));
  REQUIRE(out.exit_code == 0);
  CHECK(out.leftover_pids.empty());
}

TEST_CASE("SIGKILL of the harness mid-run leaves no process behind, and the history so far",
          "[e2e][sandbox]") {
  const auto out = run_scenario_text(spawner_scenario("30s"), {}, 1500, SIGKILL);
  INFO(dump(out));
  REQUIRE(out.exit_code == 128 + SIGKILL);
  CHECK(out.history.size() > 10);
  CHECK(out.leftover_pids.empty());
}

TEST_CASE("nodes run in their own directory in the run dir", "[e2e][sandbox]") {
  const auto out = run_scenario_text(spawner_scenario("1s", 2));
  INFO(dump(out));
  REQUIRE(out.exit_code == 0);
  // spawner writes children.txt relative to its working directory.
  CHECK(fs::exists(out.run_dir / "data" / "n1" / "children.txt"));
  CHECK(fs::exists(out.run_dir / "data" / "n2" / "children.txt"));
  CHECK_FALSE(fs::exists(fs::path(FAULTLINE_SOURCE_DIR) / "children.txt"));
}

TEST_CASE("a port the host listens on is free inside a run", "[e2e][sandbox]") {
  HostListener host;
  const auto out = run_scenario_text(spawner_scenario("1s", 1, ", --listen, " + std::to_string(host.port)));
  INFO(dump(out));
  CHECK(out.exit_code == 0);
  CHECK(out.leftover_pids.empty());
}

TEST_CASE("two parallel suite runs of one scenario use the same port without clashing", "[e2e][sandbox]") {
  HostListener host;
  const fs::path dir = fs::temp_directory_path() / ("sandbox-suite-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "listen.yaml") << spawner_scenario("1s", 1, ", --listen, " + std::to_string(host.port));
  const std::string cmd = std::string(FAULTLINE_BINARY_DIR "/faultline suite ") +
                          (dir / "listen.yaml").string() + " --jobs 2 --repeats 2 --store " +
                          (dir / "store").string() + " > " + (dir / "out.txt").string() + " 2>&1";
  const int status = std::system(cmd.c_str());
  std::stringstream output;
  output << std::ifstream(dir / "out.txt").rdbuf();
  INFO(output.str());
  CHECK(WEXITSTATUS(status) == 0);
  fs::remove_all(dir);
}

TEST_CASE("without namespaces a stdio run goes on, with a warning that says why", "[e2e][sandbox]") {
  ::setenv("FAULTLINE_SANDBOX", "off", 1);
  const auto out = run_scenario_text(spawner_scenario("1s", 1));
  ::unsetenv("FAULTLINE_SANDBOX");
  INFO(dump(out));
  CHECK(out.exit_code == 0);
  CHECK(out.output.find("warning: namespaces disabled by FAULTLINE_SANDBOX=off") != std::string::npos);
  // The fallback still collects a node's daemon at a normal end (as subreaper).
  CHECK(out.leftover_pids.empty());
}
