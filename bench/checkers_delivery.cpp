// Times the delivery checkers (set-full, queue) on synthetic 1,000,000-op
// histories and prints median wall time of 5 runs and peak RSS.
//
//   bench_checkers_delivery [ops [set|queue|both]]      (default 1000000 both)
// Run one checker alone to see its own peak RSS.
//
// set-full history: broadcast-like, 10 client processes with overlapping ops;
// mostly adds (1% indeterminate, 0.2% failed) with a read of the whole current
// set every 25,000 adds, reads lagging ~50 elements behind (stale), 10 elements
// dropped mid-run (lost), then one final read per process. Reads carry the
// whole set, so the history holds ~9.5M read entries; more reads would make the
// history itself, not the checker, the cost.
// queue history: half enqueues, half dequeues of unique ints, 10 processes,
// 1% indeterminate enqueues, occasional adjacent swaps (FIFO violations), a
// few duplicated and lost values; checked with fifo on and exactly-once.
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "checkers/queue.hpp"
#include "checkers/set_full.hpp"

using namespace faultline;
using history::History;
using history::Op;
using history::OpType;
namespace json = boost::json;

namespace {

double peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

struct Builder {
  History ops;
  std::int64_t t = 0;
  void add(std::int64_t p, OpType type, const char* f, json::value v, bool final = false) {
    Op op;
    op.index = static_cast<std::int64_t>(ops.size());
    t += 1000 + static_cast<std::int64_t>(ops.size() % 7) * 300;  // ~1.9 µs apart
    op.time = t;
    op.process = p;
    op.type = type;
    op.f = f;
    op.value = std::move(v);
    op.final = final;
    ops.push_back(std::move(op));
  }
};

History set_history(std::size_t target, std::size_t& entries, std::size_t& elements) {
  std::mt19937_64 rng(42);
  Builder b;
  b.ops.reserve(target + 64);
  constexpr int kProcs = 10;
  constexpr std::size_t kReadEvery = 25000, kLag = 50;
  std::vector<std::int64_t> acked;  // in ack order: what reads show
  std::vector<char> dropped;        // lost elements vanish from reads after a point
  std::int64_t next = 0;
  entries = 0;
  auto read_value = [&](std::size_t lag) {
    json::array a;
    const std::size_t n = acked.size() > lag ? acked.size() - lag : 0;
    a.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
      if (!dropped[static_cast<std::size_t>(acked[i])]) a.push_back(acked[i]);
    entries += a.size();
    return a;
  };
  std::size_t adds = 0;
  // Keep room for the final reads.
  while (b.ops.size() + 2 * kProcs + 2 * kProcs < target) {
    // A round: every process invokes, then all complete (10 ops in flight).
    std::int64_t vals[kProcs];
    bool is_read[kProcs];
    for (int p = 0; p < kProcs; ++p) {
      is_read[p] = (adds + p) % kReadEvery == 0 && adds > 0;
      if (is_read[p]) {
        b.add(p, OpType::Invoke, "read", nullptr);
      } else {
        vals[p] = next++;
        dropped.push_back(0);
        b.add(p, OpType::Invoke, "add", vals[p]);
      }
    }
    for (int p = 0; p < kProcs; ++p) {
      if (is_read[p]) {
        b.add(p, OpType::Ok, "read", read_value(kLag));
        continue;
      }
      ++adds;
      const auto r = rng() % 1000;
      if (r < 10) {
        b.add(p, OpType::Info, "add", vals[p]);
        if (r < 5) acked.push_back(vals[p]);  // half of the indeterminate ones did land
      } else if (r < 12) {
        b.add(p, OpType::Fail, "add", vals[p]);
      } else {
        b.add(p, OpType::Ok, "add", vals[p]);
        acked.push_back(vals[p]);
      }
    }
    if (adds >= 250000 && !dropped[7])
      for (int k = 0; k < 10; ++k) dropped[static_cast<std::size_t>(k * 1000 + 7)] = 1;
  }
  for (int p = 0; p < kProcs; ++p) b.add(p, OpType::Invoke, "read", nullptr, true);
  for (int p = 0; p < kProcs && b.ops.size() < target; ++p) b.add(p, OpType::Ok, "read", read_value(0), true);
  elements = static_cast<std::size_t>(next);
  return std::move(b.ops);
}

History queue_history(std::size_t target) {
  std::mt19937_64 rng(7);
  Builder b;
  b.ops.reserve(target + 64);
  constexpr int kProcs = 10;
  std::vector<std::int64_t> queue;
  std::size_t head = 0;
  std::int64_t next = 0;
  while (b.ops.size() + 2 * kProcs <= target) {
    // Rounds of 10 concurrent ops; 50 enqueue rounds build a backlog, then
    // enqueue and dequeue rounds alternate.
    const std::size_t round = b.ops.size() / (2 * kProcs);
    const std::size_t rounds = target / (2 * kProcs);
    const bool enq = round < 50 || (round % 2 == 0 && round + 120 < rounds);  // drain at the end
    std::int64_t vals[kProcs];
    for (int p = 0; p < kProcs; ++p) {
      if (enq) {
        vals[p] = next++;
        b.add(p, OpType::Invoke, "enqueue", vals[p]);
      } else {
        b.add(p, OpType::Invoke, "dequeue", nullptr);
      }
    }
    for (int p = 0; p < kProcs; ++p) {
      if (enq) {
        const auto r = rng() % 1000;
        if (r == 0) {
          b.add(p, OpType::Ok, "enqueue", vals[p]);  // acknowledged but never delivered: lost
        } else {
          b.add(p, r < 10 ? OpType::Info : OpType::Ok, "enqueue", vals[p]);
          queue.push_back(vals[p]);
        }
        continue;
      }
      if (head >= queue.size()) {
        b.add(p, OpType::Fail, "dequeue", nullptr);
        continue;
      }
      // Occasionally deliver out of order (across rounds, so the ops are not
      // concurrent) or twice.
      if (rng() % 500 == 0 && head + 25 < queue.size()) std::swap(queue[head], queue[head + 25]);
      const std::int64_t v = queue[head];
      if (rng() % 2000 != 0) ++head;  // else: redelivered by the next dequeue
      b.add(p, OpType::Ok, "dequeue", v);
    }
  }
  return std::move(b.ops);
}

double cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// Wall and process CPU time, each the median of `reps` runs. On a shared
// machine the CPU figure is the one to trust; on an idle core they agree.
struct Timing {
  double wall_ms, cpu_ms;
};

template <typename F>
Timing median_ms(F&& run, int reps = 5) {
  std::vector<double> wall, cpu;
  for (int i = 0; i < reps; ++i) {
    const double c0 = cpu_ms();
    auto t0 = std::chrono::steady_clock::now();
    run();
    wall.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    cpu.push_back(cpu_ms() - c0);
  }
  std::sort(wall.begin(), wall.end());
  std::sort(cpu.begin(), cpu.end());
  return {wall[wall.size() / 2], cpu[cpu.size() / 2]};
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t target = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
  const std::string which = argc > 2 ? argv[2] : "both";
  if (target < 1000 || (which != "set" && which != "queue" && which != "both")) {
    std::fprintf(stderr, "usage: %s [ops >= 1000 [set|queue|both]]\n", argv[0]);
    return 2;
  }
  if (which != "queue") {
    std::size_t entries = 0, elements = 0;
    History h = set_history(target, entries, elements);
    const double rss_history = peak_rss_mb();
    checkers::SetFullChecker checker(checkers::SetFullOptions{});
    checkers::CheckResult last;
    const Timing tm = median_ms([&] { last = checker.check(h); });
    const double ms = tm.cpu_ms;
    std::printf("set-full: %zu ops, %zu elements, %zu read entries\n", h.size(), elements, entries);
    std::printf(
        "  median of 5: %.0f ms CPU, %.0f ms wall (%.2f M ops/s CPU)  verdict=%s stable=%s lost=%s stale=%s "
        "never-read=%s\n",
        ms, tm.wall_ms, static_cast<double>(h.size()) / ms / 1000.0,
        std::string(checkers::verdict_name(last.verdict)).c_str(),
        json::serialize(last.details.at("stable-count")).c_str(),
        json::serialize(last.details.at("lost-count")).c_str(),
        json::serialize(last.details.at("stale-count")).c_str(),
        json::serialize(last.details.at("never-read-count")).c_str());
    std::printf("  peak RSS: %.0f MB with history only, %.0f MB after checking (result %zu bytes of JSON)\n",
                rss_history, peak_rss_mb(), json::serialize(last.details).size());
  }
  if (which != "set") {
    const double rss_before = peak_rss_mb();
    History h = queue_history(target);
    const double rss_history = peak_rss_mb();
    checkers::QueueOptions opts;
    opts.fifo = true;
    checkers::QueueChecker checker(opts);
    checkers::CheckResult last;
    const Timing tm = median_ms([&] { last = checker.check(h); });
    const double ms = tm.cpu_ms;
    std::printf("queue (exactly-once, fifo): %zu ops\n", h.size());
    std::printf(
        "  median of 5: %.0f ms CPU, %.0f ms wall (%.2f M ops/s CPU)  verdict=%s lost=%s duplicated=%s "
        "fifo-violations=%s\n",
        ms, tm.wall_ms, static_cast<double>(h.size()) / ms / 1000.0,
        std::string(checkers::verdict_name(last.verdict)).c_str(),
        json::serialize(last.details.at("lost-count")).c_str(),
        json::serialize(last.details.at("duplicated-count")).c_str(),
        json::serialize(last.details.at("fifo-violation-count")).c_str());
    std::printf(
        "  peak RSS: %.0f MB before, %.0f MB with queue history, %.0f MB after checking "
        "(result %zu bytes of JSON)\n",
        rss_before, rss_history, peak_rss_mb(), json::serialize(last.details).size());
  }
  return 0;
}
