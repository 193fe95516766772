// Client scaling (issue 9.13): peak RSS of a whole `faultline run` of a short
// 5-node echo scenario with 1,000, 4,000 and 10,000 clients, with a 1 s
// window of 50% loss on every link, client links included (a fault open over
// client links is where per-link state could grow with clients x nodes; each
// client loses about one echo to it, so the echo verdict is invalid, exit 1).
// The rate is 2 ops/s per client, so every client has ops in flight. Peak
// RSS is the child's ru_maxrss from wait4: the harness process (its echo
// nodes are far smaller). Memory must grow linearly with the clients.
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

namespace {

struct Figures {
  int status = -1;
  long peak_rss_kb = 0;
  double wall_s = 0;
  std::int64_t ok = 0, fail = 0, info = 0;
};

Figures run_with(int clients, const std::filesystem::path& dir) {
  const auto scenario = dir / ("clients-" + std::to_string(clients) + ".yaml");
  std::ofstream(scenario)
      << "name: client-scaling\nseed: 1\ntime_limit: 3s\n"
         "nodes:\n  count: 5\n  command: [" FAULTLINE_BINARY_DIR
         "/nodes/echo]\n"
         "workload:\n  type: echo\n  rate: "
      << 2 * clients << "\n  concurrency: " << clients
      << "\n  timeout: 1s\n"
         "nemesis:\n  - {at: 1s, for: 1s, fault: {type: loss, probability: 0.5, clients: true}}\n";
  const auto run_dir = dir / ("run-" + std::to_string(clients));
  std::filesystem::remove_all(run_dir);
  const std::string faultline = FAULTLINE_BINARY_DIR "/faultline";
  std::vector<std::string> args = {faultline,       "run",       scenario.string(),
                                   "--no-progress", "--run-dir", run_dir.string()};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  Figures f;
  const auto t0 = std::chrono::steady_clock::now();
  pid_t pid = 0;
  if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) {
    std::perror("posix_spawn");
    return f;
  }
  posix_spawn_file_actions_destroy(&actions);
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  f.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  f.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  f.peak_rss_kb = usage.ru_maxrss;
  std::ifstream in(run_dir / "results.json");
  std::stringstream text;
  text << in.rdbuf();
  boost::system::error_code ec;
  const auto results = boost::json::parse(text.str(), ec);
  if (!ec && results.is_object() && results.as_object().contains("ops")) {
    const auto& ops = results.at("ops").as_object();
    f.ok = ops.at("ok").to_number<std::int64_t>();
    f.fail = ops.at("fail").to_number<std::int64_t>();
    f.info = ops.at("info").to_number<std::int64_t>();
  }
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<int> counts;
  for (int i = 1; i < argc; ++i) counts.push_back(std::atoi(argv[i]));
  if (counts.empty()) counts = {1000, 4000, 10000};
  const auto dir = std::filesystem::temp_directory_path() / "faultline-bench-clients";
  std::filesystem::create_directories(dir);
  for (int clients : counts) {
    const Figures f = run_with(clients, dir);
    std::printf(
        "client scaling, 5-node echo, 3s, %5d clients: peak RSS %6.1f MB (%.1f KB/client), exit %d, "
        "wall %.1f s, ops ok %lld fail %lld info %lld\n",
        clients, static_cast<double>(f.peak_rss_kb) / 1024.0, static_cast<double>(f.peak_rss_kb) / clients,
        f.status, f.wall_s, static_cast<long long>(f.ok), static_cast<long long>(f.fail),
        static_cast<long long>(f.info));
  }
  return 0;
}
