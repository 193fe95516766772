#pragma once
// results.json: the merged verdict, each checker's evidence, and what the run
// was (scenario, seed, replay command, network, faults); plus the short
// human summary printed at the end of a run.
#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "checkers/checker.hpp"
#include "harness/runtime/client_pool.hpp"
#include "harness/runtime/runner.hpp"
#include "nemesis/network_stats.hpp"
#include "nemesis/proxy/proxy_stats.hpp"
#include "nemesis/router.hpp"

namespace faultline::harness {

// Keeps the count of bad node lines and the first few in full.
class ProtocolErrorLog {
 public:
  void add(const nemesis::ProtocolError& e);
  std::uint64_t count() const { return count_; }
  boost::json::object to_json() const;

 private:
  std::uint64_t count_ = 0;
  std::vector<nemesis::ProtocolError> first_;
};

using NamedCheck = std::pair<std::string, checkers::CheckResult>;

struct RunSummary {
  std::string started_at;
  std::chrono::steady_clock::duration duration{};
  std::string error;  // non-empty: the run crashed (exit 255)
  bool interrupted = false;
  bool final_phase_cut = false;  // the final phase hit its time budget
  OpCounts counts;
  nemesis::NetworkStats network;
  std::optional<nemesis::proxy::ProxyStats> proxy;  // tcp/udp runs: what crossed the proxy plane
  std::uint64_t network_fault_windows = 0;          // network fault windows opened
  std::uint64_t network_fault_touches = 0;          // traffic that crossed a link one of them touched
  ProtocolErrorLog protocol_errors;
  boost::json::array faults;
  std::map<std::string, std::uint64_t> node_log_cuts;  // node -> bytes cut from its stderr log
  std::vector<NamedCheck> checks;
};

boost::json::object build_results(const Scenario& scenario, const RunOptions& options,
                                  const RunSummary& summary);
int exit_code_of(const boost::json::object& results);
// 0 valid, 1 invalid, 2 unknown: a run's exit code, and `faultline check`'s.
int exit_code_for(checkers::Verdict verdict);
// " (as expected)" or " (expected invalid)" after the verdict of a run whose
// scenario expects other than valid; empty otherwise.
std::string expectation_note(const boost::json::object& results);
void write_results(const std::filesystem::path& run_dir, const boost::json::object& results);
void print_summary(std::ostream& out, const boost::json::object& results,
                   const std::filesystem::path& run_dir);

}  // namespace faultline::harness
