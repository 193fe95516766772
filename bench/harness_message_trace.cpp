// Cost of the message trace (network.trace): the same 5-node broadcast run
// with the trace off and on, alternating, several times each. Prints the
// median wall and CPU time (harness + nodes) of each, their ratios, and what
// the trace held. "Cheap enough to leave on for short runs" is this ratio.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

double cpu_of_children() {
  rusage u{};
  ::getrusage(RUSAGE_CHILDREN, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::atoi(argv[1]) : 3;
  const auto dir = std::filesystem::temp_directory_path() / "faultline-bench-trace";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto scenario = dir / "broadcast5.yaml";
  std::ofstream(scenario) << "name: trace-cost\nseed: 1\ntime_limit: 5s\n"
                             "nodes:\n  count: 5\n  command: [" FAULTLINE_BINARY_DIR
                             "/nodes/broadcast]\n"
                             "network:\n  latency: 1ms\n"
                             "workload:\n  type: broadcast\n  rate: 500\n  concurrency: 2n\n  quiesce: 1s\n"
                             "nemesis:\n  - {at: 1s, for: 2s, fault: {type: partition, shape: halves}}\n";
  std::vector<double> wall[2], cpu[2];
  std::uintmax_t trace_bytes = 0;
  std::size_t trace_lines = 0;
  for (int i = 0; i < runs; ++i) {
    for (int traced = 0; traced < 2; ++traced) {
      const auto run_dir = dir / ("run-" + std::to_string(i) + "-" + std::to_string(traced));
      const std::string cmd = std::string(FAULTLINE_BINARY_DIR "/faultline run ") + scenario.string() +
                              " --no-progress --run-dir " + run_dir.string() +
                              (traced ? " --set network.trace=true" : "") + " > /dev/null";
      const double c0 = cpu_of_children();
      const auto t0 = std::chrono::steady_clock::now();
      const int rc = std::system(cmd.c_str());
      wall[traced].push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
      cpu[traced].push_back(cpu_of_children() - c0);
      if (rc != 0) {
        std::fprintf(stderr, "run %d (trace %s) failed (status %d)\n", i, traced ? "on" : "off", rc);
        return 1;
      }
      if (traced) {
        trace_bytes = std::filesystem::file_size(run_dir / "trace.jsonl");
        std::ifstream in(run_dir / "trace.jsonl");
        trace_lines = static_cast<std::size_t>(
            std::count(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>(), '\n'));
      }
    }
  }
  const double w0 = median(wall[0]), w1 = median(wall[1]), c0 = median(cpu[0]), c1 = median(cpu[1]);
  std::printf("message trace, 5-node broadcast, rate 500, 5 s (median of %d runs each)\n", runs);
  std::printf("  trace off: wall %.2f s, cpu %.2f s\n", w0, c0);
  std::printf("  trace on:  wall %.2f s, cpu %.2f s (%zu events, %.1f MB)\n", w1, c1, trace_lines,
              static_cast<double>(trace_bytes) / 1e6);
  std::printf("  ratio on/off: wall %.3f, cpu %.3f\n", w1 / w0, c1 / c0);
  std::filesystem::remove_all(dir);
  return 0;
}
