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
// this repository) and compares the verdicts with the known answers; with
// --kv DIR, Porcupine's kv logs there (run_kv), and nothing else unless
// --issue13 is given too.
//
// With --issue13 it runs only issue 13's classes (run_issue13); with
// --budget MB only the memory budget measurement (run_budget).
//
//   bench_checkers_linearizability [--reps N] [--threads N] [--seeds N] [--etcd DIR] [--kv DIR] [--issue13]
//   [--no-refute] [--only TEXT] [--budget MB] [--budget-strings MB]
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
#include <tuple>
#include <utility>
#include <vector>

#include "checkers/linearizability/check_file.hpp"
#include "checkers/linearizability/synthetic.hpp"
#include "history/history_file.hpp"

namespace lin = faultline::checkers::lin;
using faultline::checkers::Verdict;

namespace {

struct Args {
  int reps = 5;
  unsigned threads = 0;
  int seeds = 100;
  std::string etcd_dir;
  std::string kv_dir;
  bool issue13 = false;  // only the classes of issue 13 (run_issue13)
  bool refute = true;    // --no-refute: the exact search alone, for comparison
};

// --only TEXT: of issue 13's classes, those whose name contains TEXT.
std::string g_only;

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
    // Fields are tab-separated in most logs and space-separated in etcd_100..102.
    std::istringstream fields(line.substr(dash + 3));
    std::string process, type, f, value;
    if (!(fields >> process >> type >> f)) continue;
    std::getline(fields, value);
    value.erase(0, value.find_first_not_of(" \t"));
    value.erase(value.find_last_not_of(" \t\r") + 1);
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

// One history, checked once after a warm-up: verdict, time, how it was
// decided. Returns the verdict (Unknown when --only skips it).
Verdict report_one(const char* name, const faultline::history::History& h, const lin::LinOptions& o,
                   int reps) {
  if (std::string(name).find(g_only) == std::string::npos) return Verdict::Unknown;
  lin::check_history(h, o);
  std::vector<double> times, cpu;
  faultline::checkers::CheckResult r;
  for (int i = 0; i < reps; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    double c0 = cpu_ms_now();
    r = lin::check_history(h, o);
    cpu.push_back(cpu_ms_now() - c0);
    times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  std::string how = "-";
  std::size_t shown = 0;
  if (const auto* inv = r.details.if_contains("invalid")) {
    const auto& bad = inv->as_array().at(0).as_object();
    how = bad.contains("refuted_by") ? std::string(bad.at("refuted_by").as_string()) : "search";
    // The smallest counterexample it gives: the refuting window when it found one.
    shown = (bad.contains("refuting_window") ? bad.at("refuting_window") : bad.at("ops")).as_array().size();
    if (bad.contains("refuting_window")) how += "+window";
  }
  std::printf(
      "%-44s ops %6zu  %8.2f ms (cpu %8.2f)  %-8s  steps %9lld  configs %8lld  bad keys %lld of %lld  "
      "decided by %-11s "
      "counterexample %3zu ops  peak RSS %.1f MB\n",
      name, h.size() / 2, median(times), median(cpu),
      std::string(faultline::checkers::verdict_name(r.verdict)).c_str(),
      static_cast<long long>(r.details.at("steps").to_number<std::int64_t>()),
      static_cast<long long>(r.details.at("configs").to_number<std::int64_t>()),
      static_cast<long long>(r.details.at("invalid_partitions").to_number<std::int64_t>()),
      static_cast<long long>(r.details.at("partitions").to_number<std::int64_t>()), how.c_str(), shown,
      peak_rss_mb());
  if (r.verdict == Verdict::Unknown && r.details.contains("reason"))
    std::printf("  %s\n", std::string(r.details.at("reason").as_string()).c_str());
  std::fflush(stdout);
  return r.verdict;
}

// Porcupine's own kv logs (test_data/kv: c01/c10/c50, -ok and -bad; not
// kept in this repository), as `faultline check --format porcupine-kv`
// checks them: string-kv per key, the verdict the file name says; a -bad
// file with --all-keys (every bad key explained, as Porcupine's verbose mode
// tries).
void run_kv(const std::string& dir, const lin::LinOptions& base, int reps) {
  lin::LinOptions kv = base;
  kv.model = "string-kv";
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name[0] == 'c' && (name.ends_with("-ok.txt") || name.ends_with("-bad.txt")))
      files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  int mismatches = 0;
  for (const auto& file : files) {
    const bool expected_valid = file.filename().string().ends_with("-ok.txt");
    kv.all_keys = !expected_valid;
    const Verdict v =
        report_one(file.filename().c_str(), faultline::history::read_history_file(file.string()), kv, reps);
    if (v != (expected_valid ? Verdict::Valid : Verdict::Invalid)) ++mismatches;
  }
  std::printf("kv: %zu files, %d verdict mismatches\n", files.size(), mismatches);
}

// Issue 13's classes: Porcupine-kv-shaped string-kv histories, cas-register
// histories with one late impossible read, and a large valid history.
void run_issue13(const lin::LinOptions& base, int reps) {
  lin::LinOptions kv = base;
  kv.model = "string-kv";
  kv.all_keys = true;  // every bad key refuted, as Porcupine's verbose mode would try
  for (auto [name, clients, ops, bad] : {std::tuple{"string-kv c10-ok (Porcupine kv shape)", 10, 370, 0},
                                         std::tuple{"string-kv c50-ok", 50, 1712, 0},
                                         std::tuple{"string-kv c50-bad (7 bad keys)", 50, 2024, 7}}) {
    lin::StringKvSpec spec;
    spec.clients = clients;
    spec.ops = ops;
    spec.bad_keys = bad;
    report_one(name, lin::synthesize_string_kv_history(spec), kv, reps);
  }
  lin::LinOptions cas = base;
  cas.time_budget_s = 10;
  auto register_spec = [](int ops, int processes, int crashes) {
    lin::SyntheticSpec spec;
    spec.ops = ops;
    spec.processes = processes;
    spec.crashes = crashes;
    spec.values = 5;
    spec.seed = 7;
    spec.corrupt = true;
    spec.corrupt_after = 0.5;
    return spec;
  };
  for (int ops : {10000, 100000})
    for (int processes : {10, 50})
      for (int crash_pct : {1, 5}) {
        lin::SyntheticSpec spec = register_spec(ops, processes, ops * crash_pct / 100);
        spec.corrupt_unwritten = true;
        const std::string name = "cas late unwritten read " + std::to_string(ops / 1000) + "k ops " +
                                 std::to_string(processes) + "p " + std::to_string(crash_pct) + "% crashed";
        report_one(name.c_str(), lin::synthesize_register_history(spec), cas, 1);
      }
  // The same with unique written values (and wide-range ones, 0..ops/10:
  // about six writes of each), the late read changed to a value overwritten long
  // before (synthetic.hpp corrupt_stale: not linearizable by construction),
  // and the same histories unchanged, which must stay valid.
  for (int ops : {10000, 100000})
    for (int processes : {10, 50})
      for (int crash_pct : {1, 5}) {
        lin::SyntheticSpec spec = register_spec(ops, processes, ops * crash_pct / 100);
        spec.unique_values = true;
        spec.corrupt_stale = true;
        const std::string shape = std::to_string(ops / 1000) + "k ops " + std::to_string(processes) + "p " +
                                  std::to_string(crash_pct) + "% crashed";
        report_one(("cas unique late stale read " + shape).c_str(), lin::synthesize_register_history(spec), cas,
                   1);
        spec.unique_values = false;
        spec.values = ops / 10;
        report_one(("cas values 0..n/10 late stale read " + shape).c_str(),
                   lin::synthesize_register_history(spec), cas, 1);
        spec.unique_values = true;
        spec.corrupt = false;
        report_one(("cas unique valid " + shape).c_str(), lin::synthesize_register_history(spec), cas, 1);
      }
  // A late read changed to another written value: usually explainable (a
  // crashed write of it may take effect at any time), so often valid.
  for (int processes : {10, 50})
    report_one(("cas late changed read 10k ops " + std::to_string(processes) + "p 1% crashed").c_str(),
               lin::synthesize_register_history(register_spec(10000, processes, 100)), cas, 1);
  // Valid 100k-op histories, 0 / 0.1 / 1 / 5% crashed, 50 and 10 processes.
  for (int processes : {50, 10})
    for (auto [crashes, pct] : {std::pair{1000, "1%"}, std::pair{0, "0%"}, std::pair{100, "0.1%"},
                                std::pair{5000, "5%"}}) {
      lin::SyntheticSpec valid = register_spec(100000, processes, crashes);
      valid.corrupt = false;
      report_one(("cas valid 100k ops " + std::to_string(processes) + "p " + pct + " crashed").c_str(),
                 lin::synthesize_register_history(valid), cas, 1);
    }
}

// --budget MB: histories whose search cannot finish, checked with
// --memory-budget-mb MB: one needing 2^40 configurations (crashed writes of
// 0..40 and crashed cas [v-1, v], either of which may explain the read of v,
// then a read that no order explains: tests/linearizability/budget_test.cpp's),
// and one whose states are big (28 overlapping appends, a crashed put and a
// get that nothing explains: each order of the appends a new string).
// Prints the process's peak RSS before and after and how far above the
// budget the check went. One per process, as peak RSS only grows: --budget
// runs the registers, --budget-strings the strings.
void check_budget(const char* name, const faultline::history::History& h, const lin::LinOptions& base,
                  std::size_t budget_mb) {
  lin::LinOptions o = base;
  o.threads = 1;
  o.time_budget_s = 3600;
  o.memory_budget_mb = budget_mb;
  const double before = peak_rss_mb();
  auto t0 = std::chrono::steady_clock::now();
  auto r = lin::check_history(h, o);
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  const double after = peak_rss_mb();
  std::printf(
      "%s, memory budget %zu MB: %s after %.0f ms, %lld configs, charged %.1f MB; peak RSS %.1f MB before, "
      "%.1f MB after: the check added %.1f MB = %.3f x budget\n",
      name, budget_mb, std::string(faultline::checkers::verdict_name(r.verdict)).c_str(), ms,
      static_cast<long long>(r.details.at("configs").to_number<std::int64_t>()),
      static_cast<double>(r.details.at("memo_bytes").to_number<std::int64_t>()) / 1048576.0, before, after,
      after - before, (after - before) / static_cast<double>(budget_mb));
  if (r.details.contains("reason"))
    std::printf("  %s\n", std::string(r.details.at("reason").as_string()).c_str());
  std::fflush(stdout);
}

void run_budget(std::size_t budget_mb, bool strings) {
  faultline::history::History h;
  auto add = [&](std::int64_t process, faultline::history::OpType type, const char* f, boost::json::value v) {
    faultline::history::Op op;
    op.index = static_cast<std::int64_t>(h.size());
    op.process = process;
    op.type = type;
    op.f = f;
    op.value = std::move(v);
    h.push_back(std::move(op));
  };
  using faultline::history::OpType;
  if (strings) {
    auto token = [](int i) { return boost::json::array{"k", "token-" + std::to_string(100 + i) + "-"}; };
    for (int i = 0; i < 28; ++i) add(i, OpType::Invoke, "append", token(i));
    add(99, OpType::Invoke, "put", boost::json::array{"k", "q"});
    for (int i = 0; i < 28; ++i) add(i, OpType::Ok, "append", token(i));
    add(98, OpType::Invoke, "get", boost::json::array{"k", nullptr});
    add(98, OpType::Ok, "get", boost::json::array{"k", "qX"});
    lin::LinOptions kv;
    kv.model = "string-kv";
    return check_budget("strings", h, kv, budget_mb);
  }
  const int n = 40;
  for (int v = 0; v <= n; ++v) add(v, OpType::Invoke, "write", v);
  for (int v = 1; v <= n; ++v) add(1000 + v, OpType::Invoke, "cas", boost::json::array{v - 1, v});
  for (int v = 0; v <= n; ++v) add(v, OpType::Info, "write", v);
  for (int v = 1; v <= n; ++v) add(1000 + v, OpType::Info, "cas", boost::json::array{v - 1, v});
  for (int v = 0; v <= n; ++v) {
    add(100, OpType::Invoke, "read", nullptr);
    add(100, OpType::Ok, "read", v);
  }
  add(100, OpType::Invoke, "read", nullptr);
  add(100, OpType::Ok, "read", 0);
  check_budget("registers", h, lin::LinOptions{}, budget_mb);
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    const bool has_value = i + 1 < argc;
    if (!std::strcmp(argv[i], "--issue13"))
      args.issue13 = true;
    else if (!std::strcmp(argv[i], "--no-refute"))
      args.refute = false;
    else if (has_value && !std::strcmp(argv[i], "--reps"))
      args.reps = std::atoi(argv[++i]);
    else if (has_value && !std::strcmp(argv[i], "--threads"))
      args.threads = static_cast<unsigned>(std::atoi(argv[++i]));
    else if (has_value && !std::strcmp(argv[i], "--seeds"))
      args.seeds = std::atoi(argv[++i]);
    else if (has_value && !std::strcmp(argv[i], "--etcd"))
      args.etcd_dir = argv[++i];
    else if (has_value && !std::strcmp(argv[i], "--kv"))
      args.kv_dir = argv[++i];
    else if (has_value && !std::strcmp(argv[i], "--only"))
      g_only = argv[++i];
    else if (has_value && (!std::strcmp(argv[i], "--budget") || !std::strcmp(argv[i], "--budget-strings"))) {
      const bool strings = !std::strcmp(argv[i], "--budget-strings");
      run_budget(static_cast<std::size_t>(std::atoll(argv[++i])), strings);
      return 0;
    } else {
      std::fprintf(stderr,
                   "usage: %s [--reps N] [--threads N] [--seeds N] [--etcd DIR] [--kv DIR] [--issue13] "
                   "[--no-refute] [--only TEXT] [--budget MB] [--budget-strings MB]\n",
                   argv[0]);
      return 2;
    }
  }
  lin::LinOptions o;
  o.threads = args.threads;
  o.refute = args.refute;
  o.time_budget_s = 60;
  std::printf("linearizability checker: median of %d reps per history, threads=%s\n", args.reps,
              args.threads ? std::to_string(args.threads).c_str() : "all cores");

  if (!args.etcd_dir.empty()) run_etcd(args.etcd_dir, o, args.reps);
  if (!args.kv_dir.empty()) run_kv(args.kv_dir, o, args.reps);
  if (!args.kv_dir.empty() && !args.issue13) return 0;
  if (args.issue13) {
    run_issue13(o, args.reps);
    return 0;
  }

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
