#include "harness/runtime/check_runner.hpp"

#include <chrono>
#include <cstdlib>
#include <future>
#include <thread>

#include "checkers/linearizability/html.hpp"
#include "checkers/registry.hpp"
#include "history/output_file.hpp"

namespace faultline::harness {

std::optional<std::vector<NamedCheck>> run_checks(const Scenario& scenario,
                                                  const workloads::Workload& workload,
                                                  const history::History& history,
                                                  const std::filesystem::path& run_dir,
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
  std::vector<NamedCheck> results;
  for (auto& f : running) {
    while (f.wait_for(std::chrono::milliseconds(20)) != std::future_status::ready) {
      if (signals.caught() == 0) continue;
      // A checker cannot be stopped from outside; the caller writes what the run
      // has and ends the process, so the threads must outlive this frame.
      new std::vector<std::future<NamedCheck>>(std::move(running));
      return std::nullopt;
    }
    results.push_back(f.get());
  }
  // The linearizability counterexample gets its own page, linked from the report.
  for (const auto& [name, result] : results) {
    if (name == "linearizable" && result.verdict != checkers::Verdict::Valid)
      history::write_file(run_dir / "linearizability.html",
                          checkers::lin::render_linearizability_html(result));
  }
  return results;
}

}  // namespace faultline::harness
