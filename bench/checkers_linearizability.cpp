// Linearizability checker benchmark on Jepsen-like synthetic histories (the
// classes Porcupine is usually measured on; see bench/README.md):
//   cas-register: 5 processes, 100 ops, 10-20 crashed, values 0..4, 100 valid
//                 and 100 perturbed (one read changed) histories; a perturbed
//                 history is usually, not always, invalid (verdicts printed);
//   kv-c50:       50 clients, 2,000 ops over 10 keys (cas-register per key).
// Every history is checked once to warm up, then `reps` times; its time is the
// median of those. Per class it prints the median and the max over histories,
// steps, memo size and the peak RSS so far. Parsing is not involved (histories
// are built in memory); preparation (pairing, interning, partitioning) is timed.
//
// With --etcd DIR it also checks every etcd_NNN.log there (Jepsen's etcd
// cas-register logs, as shipped in Porcupine's test_data/jepsen; not kept in
// this repository) and compares the verdicts with the known answers.
//
//   bench_checkers_linearizability [--reps N] [--threads N] [--seeds N] [--etcd DIR]
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "checkers/linearizability/check_file.hpp"
#include "checkers/linearizability/synthetic.hpp"

namespace lin = faultline::checkers::lin;
using faultline::checkers::Verdict;

namespace {

struct Args {
  int reps = 5;
  unsigned threads = 0;
  int seeds = 100;
  std::string etcd_dir;
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

double peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

double cpu_ms_now() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

struct Sample {
  double ms;
  double cpu_ms;  // all threads; shows what the wall time would be on idle cores
  std::int64_t steps;
  std::int64_t configs;
  Verdict verdict;
};

Sample time_one(const faultline::history::History& h, const lin::LinOptions& o, int reps) {
  lin::check_history(h, o);  // warm-up
  std::vector<double> times, cpu;
  Sample s{};
  for (int r = 0; r < reps; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    double c0 = cpu_ms_now();
    auto result = lin::check_history(h, o);
    cpu.push_back(cpu_ms_now() - c0);
    times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    s.verdict = result.verdict;
    s.steps = result.details.at("steps").to_number<std::int64_t>();
    s.configs = result.details.at("configs").to_number<std::int64_t>();
  }
  s.ms = median(times);
  s.cpu_ms = median(cpu);
  return s;
}

void report(const char* name, const std::vector<Sample>& samples) {
  std::vector<double> ms, cpu, steps;
  int valid = 0, invalid = 0, unknown = 0;
  double max_ms = 0, max_cpu = 0, max_steps = 0, max_configs = 0;
  for (const auto& s : samples) {
    ms.push_back(s.ms);
    cpu.push_back(s.cpu_ms);
    steps.push_back(static_cast<double>(s.steps));
    max_ms = std::max(max_ms, s.ms);
    max_cpu = std::max(max_cpu, s.cpu_ms);
    max_steps = std::max(max_steps, static_cast<double>(s.steps));
    max_configs = std::max(max_configs, static_cast<double>(s.configs));
    (s.verdict == Verdict::Valid ? valid : s.verdict == Verdict::Invalid ? invalid : unknown)++;
  }
  std::printf(
      "%-24s n=%-4zu median %9.4f ms (cpu %9.4f)  max %9.3f ms (cpu %9.3f)  steps median %8.0f max %9.0f  "
      "configs max %8.0f  verdicts %d valid / %d invalid / %d unknown  peak RSS %.1f MB\n",
      name, samples.size(), median(ms), median(cpu), max_ms, max_cpu, median(steps), max_steps, max_configs,
      valid, invalid, unknown, peak_rss_mb());
  std::fflush(stdout);
}

void run_class(const char* name, lin::SyntheticSpec spec, int count, bool vary_crashes,
               const lin::LinOptions& o, int reps) {
  std::vector<Sample> samples;
  for (int i = 0; i < count; ++i) {
    spec.seed = 1000 + i;
    if (vary_crashes) spec.crashes = 10 + i % 11;  // 10..20
    samples.push_back(time_one(lin::synthesize_register_history(spec), o, reps));
  }
  report(name, samples);
}

// Jepsen's log lines: "INFO  jepsen.util - P\t:type\t:f\tvalue", value nil,
// an int, [a b] or :timed-out.
faultline::history::History read_etcd_log(const std::string& path) {
  namespace json = boost::json;
  std::ifstream in(path);
  faultline::history::History h;
  std::string line;
  while (std::getline(in, line)) {
    auto dash = line.find(" - ");
    if (dash == std::string::npos) continue;
    std::istringstream fields(line.substr(dash + 3));
    std::string process, type, f, value;
    std::getline(fields, process, '\t');
    std::getline(fields, type, '\t');
    std::getline(fields, f, '\t');
    std::getline(fields, value);
    faultline::history::Op op;
    op.index = static_cast<std::int64_t>(h.size());
    op.process = std::stoll(process);
    op.type = faultline::history::op_type_from_string(type.substr(1));
    op.f = f.substr(1);
    if (value.empty() || value == "nil" || value[0] == ':') {
      op.value = nullptr;
    } else if (value[0] == '[') {
      int a = 0, b = 0;
      std::sscanf(value.c_str(), "[%d %d]", &a, &b);
      op.value = json::array{a, b};
    } else {
      op.value = std::stoll(value);
    }
    h.push_back(std::move(op));
  }
  return h;
}

void run_etcd(const std::string& dir, const lin::LinOptions& o, int reps) {
  // The 23 logs known to be linearizable (reference/linearizability.md §2).
  const std::set<int> valid = {2,  5,  7,  18, 25, 31, 38, 45, 48,  49,  51, 53,
                               56, 67, 75, 76, 80, 87, 92, 98, 100, 101, 102};
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().filename().string().rfind("etcd_", 0) == 0 && e.path().extension() == ".log")
      files.push_back(e.path());
  std::sort(files.begin(), files.end());
  double total = 0;
  int mismatches = 0, checked = 0;
  std::vector<Sample> samples;
  for (const auto& file : files) {
    auto h = read_etcd_log(file.string());
    if (h.empty()) continue;
    int number = std::atoi(file.stem().string().substr(5).c_str());
    Sample s = time_one(h, o, reps);
    bool expected = valid.count(number) > 0;
    bool match = s.verdict == (expected ? Verdict::Valid : Verdict::Invalid);
    mismatches += match ? 0 : 1;
    ++checked;
    total += s.ms;
    samples.push_back(s);
    std::printf("  %s  %8.4f ms (cpu %8.4f)  steps %8lld  configs %7lld  %s%s\n", file.filename().c_str(),
                s.ms, s.cpu_ms, static_cast<long long>(s.steps), static_cast<long long>(s.configs),
                std::string(faultline::checkers::verdict_name(s.verdict)).c_str(), match ? "" : "  MISMATCH");
  }
  report("etcd logs", samples);
  std::printf("etcd: %d logs, sum of medians %.3f ms, %d verdict mismatches\n", checked, total, mismatches);
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--reps"))
      args.reps = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--threads"))
      args.threads = static_cast<unsigned>(std::atoi(argv[i + 1]));
    else if (!std::strcmp(argv[i], "--seeds"))
      args.seeds = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--etcd"))
      args.etcd_dir = argv[i + 1];
    else {
      std::fprintf(stderr, "usage: %s [--reps N] [--threads N] [--seeds N] [--etcd DIR]\n", argv[0]);
      return 2;
    }
  }
  lin::LinOptions o;
  o.threads = args.threads;
  o.time_budget_s = 60;
  std::printf("linearizability checker: median of %d reps per history, threads=%s\n", args.reps,
              args.threads ? std::to_string(args.threads).c_str() : "all cores");

  if (!args.etcd_dir.empty()) run_etcd(args.etcd_dir, o, args.reps);

  lin::SyntheticSpec cas;
  cas.processes = 5;
  cas.ops = 100;
  cas.values = 5;
  run_class("cas-register valid", cas, args.seeds, true, o, args.reps);
  cas.corrupt = true;
  run_class("cas-register perturbed", cas, args.seeds, true, o, args.reps);

  lin::SyntheticSpec kv;
  kv.processes = 50;
  kv.ops = 2000;
  kv.crashes = 0;
  kv.keys = 10;
  kv.values = 5;
  lin::LinOptions kvo = o;
  kvo.model = "kv";
  int kv_seeds = std::max(1, args.seeds / 10);
  run_class("kv-c50 valid", kv, kv_seeds, false, kvo, args.reps);
  kv.corrupt = true;
  run_class("kv-c50 perturbed", kv, kv_seeds, false, kvo, args.reps);
  kv.corrupt = false;
  kv.crashes = 100;
  run_class("kv-c50 valid 5% crashed", kv, kv_seeds, false, kvo, args.reps);
  return 0;
}
