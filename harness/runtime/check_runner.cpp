#include "harness/runtime/check_runner.hpp"

#include <future>

#include <fstream>

#include "checkers/linearizability/html.hpp"
#include "checkers/registry.hpp"

namespace faultline::harness {

std::vector<NamedCheck> run_checks(const Scenario& scenario, const workloads::Workload& workload,
                                   const history::History& history, const std::filesystem::path& run_dir) {
  std::vector<workloads::CheckerSpec> specs;
  if (scenario.checkers.empty()) {
    specs = workload.default_checkers();
  } else {
    for (const auto& c : scenario.checkers) specs.push_back({c.type, c.options});
  }
  std::vector<std::future<NamedCheck>> running;
  for (const auto& spec : specs) {
    running.push_back(std::async(std::launch::async, [&history, spec]() -> NamedCheck {
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
  for (auto& f : running) results.push_back(f.get());
  // The linearizability counterexample gets its own page, linked from the report.
  for (const auto& [name, result] : results) {
    if (name == "linearizable" && result.verdict != checkers::Verdict::Valid)
      std::ofstream(run_dir / "linearizability.html") << checkers::lin::render_linearizability_html(result);
  }
  return results;
}

}  // namespace faultline::harness
