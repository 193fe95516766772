// The supervisor with real processes: kill and restart are expected exits,
// an unexpected exit is fatal with the node's log tail, pause/resume act on
// the live process.
#include <catch2/catch.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "harness/runtime/supervisor.hpp"

using namespace faultline;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

struct Fixture {
  fs::path dir = fs::temp_directory_path() / ("faultline-supervisor-" + std::to_string(::getpid()));
  harness::Scenario scenario;
  boost::asio::io_context io;
  std::vector<std::string> fatals, restarted;
  explicit Fixture(std::vector<std::string> command) {
    fs::remove_all(dir);
    fs::create_directories(dir / "node-logs");
    scenario.nodes.ids = {"n1"};
    scenario.nodes.command = std::move(command);
  }
  ~Fixture() { fs::remove_all(dir); }
  harness::Supervisor::Callbacks callbacks() {
    harness::Supervisor::Callbacks cb;
    cb.on_fatal = [this](const std::string& m) { fatals.push_back(m); };
    cb.on_restarted = [this](const std::string& id) { restarted.push_back(id); };
    return cb;
  }
  void run_for(std::chrono::milliseconds d) {
    boost::asio::steady_timer t(io, d);
    t.async_wait([this](auto) { io.stop(); });
    io.restart();
    io.run();
  }
};

}  // namespace

TEST_CASE("supervisor: kill and restart are expected; the restarted node is reported", "[supervisor]") {
  Fixture f({"/bin/sh", "-c", "exec cat"});
  harness::Supervisor sup(f.io, f.scenario, f.dir, f.callbacks());
  sup.spawn("n1");
  CHECK(sup.node_running("n1"));
  const pid_t first = sup.kill_node("n1");
  CHECK(first > 0);
  f.run_for(200ms);
  CHECK_FALSE(sup.node_running("n1"));
  CHECK(sup.kill_node("n1") == -1);
  const pid_t second = sup.restart_node("n1", false);
  CHECK(second > 0);
  CHECK(second != first);
  CHECK(f.restarted == std::vector<std::string>{"n1"});
  CHECK(sup.pause_node("n1") == second);
  CHECK(sup.resume_node("n1") == second);
  CHECK(sup.write_line("n1", "hello"));
  sup.stop_all();
  f.run_for(200ms);
  CHECK(f.fatals.empty());
}

TEST_CASE("supervisor: an early exit is fatal and shows the node's log", "[supervisor]") {
  Fixture f({"/bin/sh", "-c", "echo boom-from-n1 >&2; exit 3"});
  harness::Supervisor sup(f.io, f.scenario, f.dir, f.callbacks());
  sup.spawn("n1");
  f.run_for(500ms);
  REQUIRE(f.fatals.size() == 1);
  CHECK_THAT(f.fatals[0],
             Catch::Contains("node n1 exited early with status 3") && Catch::Contains("boom-from-n1"));
  CHECK_FALSE(sup.write_line("n1", "x"));
}
