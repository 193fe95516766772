// Times the transactional anomaly checker (Elle list-append) the way
// `faultline check` runs it: read a history.jsonl, then check it. Prints,
// per size, the read time, the check time (wall and CPU), the RSS once the
// history is loaded and the peak RSS of the whole process.
//
//   bench_checkers_elle [--si] [--model M] [txns ...]    (default 10000 100000 1000000)
//
// Each size is written by one child process and read and checked by a fresh
// one, so peak RSS is that of loading plus checking, nothing else. The
// history: 20 client processes, every transaction exactly 4 micro-ops (half
// reads, half appends) over 10 active keys of exponential popularity, 16
// appends per key before it rotates, 1% of transactions indeterminate;
// serializable store by default (valid: no component to search), or
// snapshot isolation with --si (write skew: cycles found and explained).
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "checkers/elle/checker.hpp"
#include "checkers/elle/synthetic.hpp"
#include "history/history_file.hpp"
#include "history/jsonl.hpp"

using namespace faultline;
using namespace faultline::checkers;

namespace {

double peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;  // KiB on Linux
}

double current_rss_mb() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmRSS:", 0) == 0) return std::atof(line.c_str() + 6) / 1024.0;
  return 0;
}

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// On a shared machine the wall clock counts other processes' turns too.
double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

void write(std::int64_t txns, bool si, const std::string& path) {
  elle::SyntheticTxnSpec spec;
  spec.txns = txns;
  spec.processes = 20;
  spec.key_count = 10;
  spec.min_length = spec.max_length = 4;
  spec.crash_rate = 0.01;
  spec.isolation = si ? elle::SimulatedIsolation::SnapshotIsolation : elle::SimulatedIsolation::Serializable;
  std::ofstream out(path);
  for (const auto& op : elle::synthesize_txn_history(spec)) out << history::to_jsonl_line(op) << '\n';
}

void check(std::int64_t txns, const std::string& model, const std::string& path) {
  auto t0 = std::chrono::steady_clock::now();
  const auto history = history::read_history_file(path);
  const double read = seconds_since(t0);
  const double loaded_rss = current_rss_mb();

  elle::ElleOptions options;
  options.consistency_model = model;
  options.time_budget_s = 600;
  t0 = std::chrono::steady_clock::now();
  const double cpu0 = cpu_seconds();
  const auto r = elle::ElleChecker(elle::DataModel::ListAppend, options).check(history);
  const double wall = seconds_since(t0), cpu = cpu_seconds() - cpu0;
  std::string types;
  for (const auto& t : r.details.at("anomaly-types").as_array())
    types += (types.empty() ? "" : ",") + std::string(t.as_string());
  std::printf(
      "%9lld txns  read %6.2f s  check %6.2f s wall %6.2f s cpu  rss loaded %5.0f MB  peak %5.0f MB  %s %s\n",
      static_cast<long long>(txns), read, wall, cpu, loaded_rss, peak_rss_mb(),
      std::string(verdict_name(r.verdict)).c_str(), types.c_str());
  std::fflush(stdout);
}

// Runs `fn` in a child process; false if it failed.
template <typename F>
bool in_child(F&& fn) {
  const pid_t child = fork();
  if (child == 0) {
    fn();
    std::_Exit(0);
  }
  int status = 0;
  waitpid(child, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

int main(int argc, char** argv) {
  bool si = false;
  std::string model = "strict-serializable";
  std::vector<std::int64_t> sizes;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--si")
      si = true;
    else if (a == "--model" && i + 1 < argc)
      model = argv[++i];
    else
      sizes.push_back(std::atoll(a.c_str()));
  }
  if (sizes.empty()) sizes = {10'000, 100'000, 1'000'000};
  std::printf("list-append, %s store, checked as %s\n", si ? "snapshot-isolation" : "serializable",
              model.c_str());
  std::fflush(stdout);  // or the children print it again
  for (auto n : sizes) {
    const auto path =
        (std::filesystem::temp_directory_path() /
         ("faultline-bench-elle-" + std::to_string(getpid()) + "-" + std::to_string(n) + ".jsonl"))
            .string();
    const bool ok = in_child([&] { write(n, si, path); }) && in_child([&] { check(n, model, path); });
    std::filesystem::remove(path);
    if (!ok) return 1;
  }
  return 0;
}
