#include "harness/suite/suite_runner.hpp"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <mutex>
#include <thread>

#include "history/seed.hpp"

namespace faultline::harness::suite {

namespace fs = std::filesystem;

SuitePlan plan_suite(const SuiteSpec& spec, const fs::path& suite_dir, std::uint64_t suite_seed) {
  SuitePlan plan;
  plan.random_seeds = spec.seeds.empty();
  plan.suite_seed = suite_seed;
  for (const auto& scenario : spec.scenarios) {
    const std::string stem = fs::path(scenario).stem().string();
    std::vector<std::uint64_t> seeds;
    for (int r = 0; r < spec.repeats; ++r) {
      if (plan.random_seeds) {
        // 32 bits keep replay commands short; the stream name keeps each scenario's draws apart.
        seeds.push_back(history::derive_seed(suite_seed, scenario + "#" + std::to_string(r)) & 0xffffffffu);
      } else {
        seeds.insert(seeds.end(), spec.seeds.begin(), spec.seeds.end());
      }
    }
    for (std::size_t i = 0; i < seeds.size(); ++i) {
      RunRequest req;
      req.ordinal = plan.runs.size();
      req.scenario = scenario;
      req.scenario_stem = stem;
      req.index = static_cast<int>(i) + 1;
      req.seed = seeds[i];
      req.repeat = static_cast<int>(
          std::count(seeds.begin(), seeds.begin() + static_cast<std::ptrdiff_t>(i) + 1, seeds[i]));
      req.store = spec.store;
      req.timeout_s = spec.timeout_s;
      req.run_dir = suite_dir / "runs" / req.id();
      if (auto e = spec.expect.find(scenario); e != spec.expect.end()) req.expect = e->second;
      if (!spec.time_limit.empty())
        req.run_args.insert(req.run_args.end(), {"--time-limit", spec.time_limit});
      for (const auto& s : spec.sets) req.run_args.insert(req.run_args.end(), {"--set", s});
      if (!req.expect.empty()) req.run_args.insert(req.run_args.end(), {"--set", "expect=" + req.expect});
      plan.runs.push_back(std::move(req));
    }
  }
  return plan;
}

std::vector<RunResult> run_plan(const SuitePlan& plan, int jobs, const RunOne& run_one,
                                const Progress& progress, const SuiteStop* stop) {
  std::vector<RunResult> results(plan.runs.size());
  std::atomic<std::size_t> next{0};
  std::mutex lock;
  std::size_t done = 0;
  auto worker = [&] {
    for (std::size_t i = next++; i < plan.runs.size(); i = next++) {
      RunResult r;
      if (stop && stop->stopping()) {
        r.outcome = Outcome::NotRun;
        r.reason = std::string("the suite was interrupted by SIG") + ::sigabbrev_np(stop->signal()) +
                   " before this run started";
        r.request = plan.runs[i];
        if (!r.request.expect.empty()) r.expect = r.request.expect;
        r.name = r.request.scenario_stem;
        std::lock_guard<std::mutex> g(lock);
        results[i] = std::move(r);
        continue;
      }
      try {
        r = run_one(plan.runs[i]);
      } catch (const std::exception& e) {
        r = RunResult{};
        r.outcome = Outcome::Crash;
        r.reason = std::string("could not run: ") + e.what();
      }
      r.request = plan.runs[i];
      if (!r.request.expect.empty()) r.expect = r.request.expect;
      if (r.name.empty()) r.name = r.request.scenario_stem;
      std::lock_guard<std::mutex> g(lock);
      results[i] = std::move(r);
      ++done;
      if (progress) progress(results[i], done, plan.runs.size());
    }
  };
  const std::size_t threads =
      std::min<std::size_t>(static_cast<std::size_t>(std::max(jobs, 1)), plan.runs.size());
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  return results;
}

}  // namespace faultline::harness::suite
