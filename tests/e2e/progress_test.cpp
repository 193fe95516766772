// The progress line as a user sees it: through a pseudo-terminal 80 columns
// wide, every redraw fits on one line (a wrapped line cannot be redrawn and
// leaves a stale copy per update); after the time limit it names the phase;
// and it is on stderr, never mixed into stdout's verdict.
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "faultline_run.hpp"
#include "harness/runtime/progress.hpp"

namespace fs = std::filesystem;

namespace {

const std::string kScenario = "name: progress\nseed: 5\ntime_limit: 2s\nnodes:\n  count: 5\n  command: [" +
                              faultline::e2e::node_binary("g_counter") +
                              "]\nworkload:\n  type: g-counter\n  rate: 50\n  timeout: 500ms\n  quiesce: 1s\n"
                              "nemesis:\n"
                              "  - {at: 0s, for: 2s, fault: {type: partition, shape: majorities-ring}}\n"
                              "  - {at: 0s, for: 2s, fault: {type: loss, probability: 50%}}\n"
                              "  - {at: 0s, for: 2s, fault: {type: duplicate, probability: 10%}}\n";

fs::path write_scenario(const std::string& tag) {
  const fs::path dir = fs::temp_directory_path() / ("faultline-progress-" + std::to_string(::getpid()) + tag);
  fs::create_directories(dir);
  std::ofstream(dir / "s.yaml") << kScenario;
  return dir;
}

// Visible columns of one redraw: after the last "\033[K", UTF-8 aware.
std::size_t columns_of(const std::string& segment) {
  const auto k = segment.rfind("\033[K");
  const std::string text = k == std::string::npos ? segment : segment.substr(k + 3);
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80 && c != '\033';
  return n;
}

}  // namespace

TEST_CASE("fit_to_width cuts at the column budget, UTF-8 aware") {
  using faultline::harness::fit_to_width;
  CHECK(fit_to_width("abcdef", 6) == "abcdef");
  CHECK(fit_to_width("abcdefg", 6) == "abcde…");
  CHECK(fit_to_width("a→b→c→d", 5) == "a→b→…");
}

TEST_CASE("through an 80-column terminal every progress redraw fits and names the phase", "[e2e]") {
  const fs::path dir = write_scenario("pty");
  winsize ws{};
  ws.ws_col = 80;
  ws.ws_row = 24;
  int master = -1;
  const pid_t pid = ::forkpty(&master, nullptr, nullptr, &ws);
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::chdir(FAULTLINE_SOURCE_DIR);
    const std::string store = (dir / "store").string(), scenario = (dir / "s.yaml").string();
    ::execl(FAULTLINE_BINARY_DIR "/faultline", "faultline", "run", scenario.c_str(), "--store", store.c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  std::string all;
  char buf[4096];
  for (ssize_t n; (n = ::read(master, buf, sizeof buf)) > 0;) all.append(buf, static_cast<std::size_t>(n));
  int status = 0;
  ::waitpid(pid, &status, 0);
  ::close(master);
  fs::remove_all(dir);
  INFO(all);
  REQUIRE(WIFEXITED(status));
  std::size_t redraws = 0;
  bool saw_phase = false, saw_wide_faults = false;
  std::size_t start = 0;
  while (start < all.size()) {
    auto end = all.find_first_of("\r\n", start);
    if (end == std::string::npos) end = all.size();
    const std::string segment = all.substr(start, end - start);
    if (segment.find("\033[K[") != std::string::npos) {
      ++redraws;
      CHECK(columns_of(segment) < 80);
      saw_phase = saw_phase || segment.find("quiesce") != std::string::npos ||
                  segment.find("final reads") != std::string::npos;
      saw_wide_faults = saw_wide_faults || segment.find("…") != std::string::npos;
    }
    start = end + 1;
  }
  CHECK(redraws > 4);
  CHECK(saw_phase);
  CHECK(saw_wide_faults);  // the faults really were wider than the terminal
  CHECK(all.find("loss loss") == std::string::npos);
}

TEST_CASE("without a terminal, progress goes to stderr, not stdout", "[e2e]") {
  const fs::path dir = write_scenario("pipe");
  const std::string cmd =
      std::string("cd " FAULTLINE_SOURCE_DIR " && " FAULTLINE_BINARY_DIR "/faultline run ") +
      (dir / "s.yaml").string() + " --store " + (dir / "store").string() + " >" + (dir / "out").string() +
      " 2>" + (dir / "err").string();
  const int status = std::system(cmd.c_str());
  auto slurp = [](const fs::path& p) {
    std::ifstream in(p);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  };
  const std::string out = slurp(dir / "out"), err = slurp(dir / "err");
  fs::remove_all(dir);
  INFO("stdout:\n" << out << "\nstderr:\n" << err);
  REQUIRE(WIFEXITED(status));
  CHECK(out.find("faultline: progress (seed 5)") != std::string::npos);
  CHECK(out.find("| faults:") == std::string::npos);
  CHECK(err.find("| faults:") != std::string::npos);
  CHECK(err.find(", quiesce]") != std::string::npos);  // a line at each phase change
}
