// Run overhead: wall time of a whole `faultline run` (spawn, init, main
// phase, teardown, checkers, files) minus its time limit, for a 5-node echo
// scenario. Prints the median of several runs.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::atoi(argv[1]) : 7;
  const double limit_s = 2.0;
  const auto dir = std::filesystem::temp_directory_path() / "faultline-bench-overhead";
  std::filesystem::create_directories(dir);
  const auto scenario = dir / "echo5.yaml";
  std::ofstream(scenario) << "name: overhead\nseed: 1\ntime_limit: 2s\n"
                             "nodes:\n  count: 5\n  command: [" FAULTLINE_BINARY_DIR
                             "/nodes/echo]\n"
                             "workload:\n  type: echo\n  rate: 100\n  concurrency: 1n\n";
  const std::string cmd = std::string(FAULTLINE_BINARY_DIR "/faultline run ") + scenario.string() +
                          " --no-progress --store " + (dir / "store").string() + " > /dev/null";
  std::vector<double> overheads;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    const int rc = std::system(cmd.c_str());
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (rc != 0) {
      std::fprintf(stderr, "run %d failed (status %d)\n", i, rc);
      return 1;
    }
    overheads.push_back(wall - limit_s);
  }
  std::sort(overheads.begin(), overheads.end());
  std::printf("run overhead, 5-node echo, time limit %.0fs: median %.3f s (min %.3f, max %.3f, %d runs)\n",
              limit_s, overheads[overheads.size() / 2], overheads.front(), overheads.back(), runs);
  return 0;
}
