#include "harness/runtime/results.hpp"

#include <fmt/format.h>

#include <fstream>

#include "harness/runtime/evidence_lines.hpp"
#include "harness/runtime/pretty_json.hpp"
#include "history/output_file.hpp"

namespace faultline::harness {

namespace {
constexpr std::size_t kKeptProtocolErrors = 20;

std::string one_line_reason(const std::vector<NamedCheck>& checks) {
  std::string reason;
  for (const auto& [name, r] : checks) {
    if (r.verdict == checkers::Verdict::Valid) continue;
    std::string why;
    if (const auto* e = r.details.if_contains("error"); e && e->is_string())
      why = e->as_string();
    else if (const auto* e2 = r.details.if_contains("reason"); e2 && e2->is_string())
      why = e2->as_string();
    reason += (reason.empty() ? "" : "; ") + name + " " + std::string(checkers::verdict_name(r.verdict)) +
              (why.empty() ? "" : " (" + why + ")");
  }
  return reason;
}
}  // namespace

void ProtocolErrorLog::add(const nemesis::ProtocolError& e) {
  ++count_;
  if (first_.size() < kKeptProtocolErrors) first_.push_back(e);
}

boost::json::object ProtocolErrorLog::to_json() const {
  boost::json::array first;
  for (const auto& e : first_) first.push_back({{"node", e.node}, {"line", e.line}, {"reason", e.reason}});
  return {{"count", count_}, {"first", std::move(first)}};
}

namespace {

// The rate a scenario asks for is a ceiling: each worker waits for its op's
// reply before starting the next. Far below it, the load the system saw is
// not the load the scenario describes, and the user should know.
std::optional<std::string> rate_shortfall(const Scenario& scenario, const RunSummary& summary) {
  const double asked = scenario.workload.rate;
  const double main_s = std::chrono::duration<double>(scenario.time_limit).count();
  if (asked <= 0 || main_s < 1 || summary.interrupted || !summary.error.empty()) return std::nullopt;
  const double achieved = static_cast<double>(summary.counts.main_invoke) / main_s;
  if (achieved >= asked / 2) return std::nullopt;
  return fmt::format(
      "clients started {:.0f} ops/s of the {:g} ops/s asked for (workload.rate): each of the {} workers "
      "waits "
      "for its reply before its next op, so more than concurrency / latency ops/s cannot start; raise "
      "workload.concurrency or lower the rate",
      achieved, asked, scenario.workload.concurrency);
}

}  // namespace

boost::json::object build_results(const Scenario& scenario, const RunOptions& options,
                                  const RunSummary& summary) {
  boost::json::object r;
  checkers::Verdict verdict = checkers::Verdict::Valid;
  boost::json::object checks;
  for (const auto& [name, result] : summary.checks) {
    verdict = checkers::merge(verdict, result.verdict);
    boost::json::object c;
    c["valid"] = checkers::verdict_json(result.verdict);
    for (const auto& [k, v] : result.details) c[k] = v;
    checks[name] = std::move(c);
  }
  std::string reason;
  if (!summary.error.empty()) {
    verdict = checkers::Verdict::Unknown;
    reason = summary.error;
  } else if (summary.checks.empty()) {
    verdict = checkers::Verdict::Unknown;
    reason = "no checkers ran";
  } else {
    reason = one_line_reason(summary.checks);
  }
  r["valid"] = checkers::verdict_json(verdict);
  r["verdict"] = summary.interrupted     ? "interrupted"
                 : summary.error.empty() ? checkers::verdict_name(verdict)
                                         : "crash";
  r["reason"] = reason.empty() ? boost::json::value(nullptr) : boost::json::value(reason);
  r["name"] = scenario.name;
  r["seed"] = scenario.seed;
  // What the scenario meant to find; a crash or an interrupted run meets no expectation.
  r["expect"] = scenario.expect;
  r["as_expected"] = r["verdict"].as_string() == scenario.expect;
  r["scenario_path"] = scenario.path;
  r["scenario"] = scenario.source;
  r["replay"] = options.replay;
  r["started_at"] = summary.started_at;
  r["duration_s"] = std::chrono::duration<double>(summary.duration).count();
  r["time_limit_s"] = std::chrono::duration<double>(scenario.time_limit).count();
  r["error"] = summary.error.empty() ? boost::json::value(nullptr) : boost::json::value(summary.error);
  r["interrupted"] = summary.interrupted;
  r["final_phase_cut"] = summary.final_phase_cut;
  boost::json::array nodes;
  for (const auto& id : scenario.nodes.ids) nodes.emplace_back(id);
  r["nodes"] = std::move(nodes);
  r["workload"] = scenario.workload.type;
  r["checkers"] = std::move(checks);
  r["network"] = summary.network.to_json(summary.counts.invoke);
  r["proxy"] = summary.proxy ? boost::json::value(summary.proxy->to_json()) : boost::json::value(nullptr);
  boost::json::array warnings;
  if (summary.network_fault_windows > 0 && summary.network_fault_touches == 0) {
    warnings.emplace_back(
        "network faults touched no traffic: " + std::to_string(summary.network_fault_windows) +
        " network fault window(s) opened, but no message, connection, byte or datagram crossed a link they "
        "faulted; does the system talk outside Faultline's network (a stdio shim around a server with its "
        "own sockets, or nodes that never talk to each other)?");
  }
  if (auto slow = rate_shortfall(scenario, summary)) warnings.emplace_back(std::move(*slow));
  r["warnings"] = std::move(warnings);
  r["ops"] = {{"invoke", summary.counts.invoke},
              {"ok", summary.counts.ok},
              {"fail", summary.counts.fail},
              {"info", summary.counts.info}};
  r["protocol_errors"] = summary.protocol_errors.to_json();
  r["faults"] = summary.faults;
  boost::json::object cuts;
  for (const auto& [id, bytes] : summary.node_log_cuts) cuts[id] = bytes;
  r["node_logs_cut"] = std::move(cuts);
  r["exit_code"] = summary.error.empty() ? exit_code_for(verdict) : 255;
  return r;
}

std::string expectation_note(const boost::json::object& r) {
  const auto* expect = r.if_contains("expect");
  if (!expect || !expect->is_string() || expect->as_string() == "valid") return {};
  const auto* met = r.if_contains("as_expected");
  if (met && met->is_bool() && met->as_bool()) return " (as expected)";
  return " (expected " + std::string(expect->as_string()) + ")";
}

int exit_code_for(checkers::Verdict verdict) {
  switch (verdict) {
    case checkers::Verdict::Valid:
      return 0;
    case checkers::Verdict::Invalid:
      return 1;
    case checkers::Verdict::Unknown:
      return 2;
  }
  return 2;
}

int exit_code_of(const boost::json::object& results) {
  return static_cast<int>(results.at("exit_code").as_int64());
}

void write_results(const std::filesystem::path& run_dir, const boost::json::object& results) {
  history::write_file(run_dir / "results.json", pretty_json(results) + "\n");
}

void print_summary(std::ostream& out, const boost::json::object& r, const std::filesystem::path& run_dir) {
  const std::string verdict(r.at("verdict").as_string());
  std::string upper;
  for (char c : verdict) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  out << "faultline: " << std::string(r.at("name").as_string()) << " (seed "
      << boost::json::serialize(r.at("seed")) << ") " << upper << expectation_note(r) << "\n";
  if (const auto& reason = r.at("reason"); reason.is_string())
    out << "  why: " << std::string(reason.as_string()) << "\n";
  const auto& ops = r.at("ops").as_object();
  out << "  ops: " << ops.at("invoke") << " invoked, " << ops.at("ok") << " ok, " << ops.at("fail")
      << " fail, " << ops.at("info") << " info\n";
  const auto& net = r.at("network").as_object();
  const auto& all = net.at("all").as_object();
  // Two decimals at most, never an exponent: "7.59", "60".
  std::string per_op = fmt::format("{:.2f}", net.at("msgs_per_op").to_number<double>());
  while (per_op.find('.') != std::string::npos && (per_op.back() == '0' || per_op.back() == '.'))
    per_op.pop_back();
  const auto* proxy = r.if_contains("proxy");
  if (!proxy || !proxy->is_object())  // tcp/udp runs: the router carries nothing
    out << "  network: " << all.at("sent") << " sent, " << all.at("delivered") << " delivered, "
        << all.at("dropped") << " dropped, " << all.at("duplicated") << " duplicated (" << per_op
        << " msgs/op)\n";
  if (proxy && proxy->is_object()) {
    for (const char* cls : {"servers", "clients"}) {
      const auto& c = proxy->as_object().at(cls).as_object();
      const auto& tcp = c.at("tcp").as_object();
      const auto& udp = c.at("udp").as_object();
      out << "  proxy " << (std::string(cls) == "servers" ? "node-node" : "client-node") << ": tcp "
          << tcp.at("connections_opened") << " connections (" << tcp.at("connections_refused") << " refused, "
          << tcp.at("connections_reset") << " reset), " << tcp.at("bytes") << " bytes in " << tcp.at("chunks")
          << " chunks; udp " << udp.at("datagrams_sent") << " datagrams (" << udp.at("datagrams_dropped")
          << " dropped, " << udp.at("datagrams_duplicated") << " duplicated)\n";
    }
  }
  if (const auto* warnings = r.if_contains("warnings"); warnings && warnings->is_array())
    for (const auto& w : warnings->as_array()) out << "  warning: " << std::string(w.as_string()) << "\n";
  if (r.at("final_phase_cut").as_bool())
    out << "  final phase: cut at its time budget before every client was done\n";
  const auto& pe = r.at("protocol_errors").as_object();
  if (boost::json::value_to<std::uint64_t>(pe.at("count")) > 0)
    out << "  protocol errors: " << pe.at("count") << " bad lines from nodes (see results.json)\n";
  if (const auto* cuts = r.if_contains("node_logs_cut"); cuts && cuts->is_object())
    for (const auto& [id, bytes] : cuts->as_object())
      out << "  node log: " << std::string(id) << "'s stderr over the cap, " << bytes
          << " bytes cut (the log keeps its head and tail)\n";
  const auto& checks = r.at("checkers").as_object();
  if (!checks.empty()) {
    out << "  checkers:";
    for (const auto& [name, c] : checks) {
      const auto& v = c.as_object().at("valid");
      out << " " << name << "=" << (v.is_bool() ? (v.as_bool() ? "valid" : "INVALID") : "unknown");
    }
    out << "\n";
    for (const auto& [name, c] : checks)
      for (const auto& line : evidence_lines(c.as_object())) out << "    " << name << " " << line << "\n";
  }
  out << "  run dir: " << run_dir.string() << "\n";
  if (r.at("exit_code").as_int64() != 0 && r.at("replay").is_string() && !r.at("replay").as_string().empty())
    out << "  replay: " << std::string(r.at("replay").as_string()) << "\n";
}

}  // namespace faultline::harness
