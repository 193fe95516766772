#include "harness/runtime/check_runner.hpp"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <future>
#include <thread>

#include "checkers/linearizability/html.hpp"
#include "checkers/registry.hpp"
#include "history/output_file.hpp"

namespace faultline::harness {

CheckRun run_checks(const Scenario& scenario, const workloads::Workload& workload,
                    const history::History& history, const std::filesystem::path& run_dir,
                    const SignalWatch& signals) {
  std::vector<workloads::CheckerSpec> specs;
  if (scenario.checkers.empty()) {
    specs = workload.default_checkers();
  } else {
    for (const auto& c : scenario.checkers) specs.push_back({c.type, c.options});
  }
  // Tests of an interrupted checking phase need one that lasts: they set this.
  std::chrono::milliseconds pause{0};
  if (const char* ms = std::getenv("FAULTLINE_TEST_CHECK_PAUSE_MS"))
    pause = std::chrono::milliseconds(std::atoll(ms));
  std::vector<std::future<NamedCheck>> running;
  for (const auto& spec : specs) {
    running.push_back(std::async(std::launch::async, [&history, spec, pause]() -> NamedCheck {
      std::this_thread::sleep_for(pause);
      try {
        auto checker = checkers::make_checker(spec.type, spec.options);
        return {spec.type, checkers::check_safe(*checker, history)};
      } catch (const std::exception& e) {
        checkers::CheckResult r;
        r.verdict = checkers::Verdict::Unknown;
        r.details["error"] = std::string("cannot build checker: ") + e.what();
        return {spec.type, std::move(r)};
      }
    }));
  }
  CheckRun out;
  for (std::size_t i = 0; i < running.size(); ++i) {
    auto& f = running[i];
    // Polled: nothing can wake a future when a signal comes.
    while (signals.caught() == 0 && f.wait_for(std::chrono::milliseconds(20)) != std::future_status::ready) {
    }
    if (f.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
      out.checks.push_back(f.get());
      continue;
    }
    checkers::CheckResult r;
    r.verdict = checkers::Verdict::Unknown;
    r.details["reason"] = std::string("interrupted by SIG") + ::sigabbrev_np(signals.caught()) +
                          " before this checker finished";
    out.checks.push_back({specs[i].type, std::move(r)});
    out.abandoned = true;
  }
  // A checker cannot be stopped from outside: the unfinished ones keep their
  // threads (and their futures, whose destructors would wait for them).
  if (out.abandoned) new std::vector<std::future<NamedCheck>>(std::move(running));
  // The linearizability counterexample gets its own page, linked from the report.
  for (const auto& [name, result] : out.checks) {
    if (name == "linearizable" && result.verdict != checkers::Verdict::Valid)
      history::write_file(run_dir / "linearizability.html",
                          checkers::lin::render_linearizability_html(result));
  }
  return out;
}

}  // namespace faultline::harness
