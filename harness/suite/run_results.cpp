#include "harness/suite/run_results.hpp"

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

namespace faultline::harness::suite {

namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

// The anomaly counts worth a column in the suite index: non-empty anomaly
// lists and non-zero *-count fields of every checker.
void anomaly_counts(const json::object& checkers, json::object& counts) {
  static const char* const kAnomalies[] = {"lost",   "duplicated", "unexpected", "stale",    "never-read",
                                           "errors", "bad-reads",  "failures",   "anomalies"};
  for (const auto& c : checkers) {
    const json::object* d = c.value().if_object();
    if (!d) continue;
    for (const auto& kv : *d) {
      std::string key(kv.key());
      for (char& ch : key)
        if (ch == '_') ch = '-';
      for (const char* a : kAnomalies) {
        std::int64_t n = 0;
        if (key == a && kv.value().is_array())
          n = static_cast<std::int64_t>(kv.value().get_array().size());
        else if (key == std::string(a) + "-count" && kv.value().is_int64())
          n = kv.value().get_int64();
        if (n > 0 && !counts.contains(a)) counts[a] = n;
      }
    }
  }
}

}  // namespace

void read_run_results(RunResult& r, int exit_code, const fs::path& suite_dir) {
  r.exit_code = exit_code;
  if (!r.timed_out) r.outcome = exit_code < 0 ? Outcome::Crash : outcome_from_exit_code(exit_code);
  const fs::path dir = r.request.run_dir;
  std::error_code ec;
  if (fs::exists(dir / "report.html", ec)) {
    const fs::path rel = (dir / "report.html").lexically_relative(suite_dir);
    r.report = rel.empty() ? (dir / "report.html").string() : rel.generic_string();
  }
  std::ifstream in(dir / "results.json", std::ios::binary);
  if (!in) {
    if (r.reason.empty() && r.outcome != Outcome::Valid)
      r.reason = "no results.json (the run exited with code " + std::to_string(exit_code) + ")";
    if (r.outcome == Outcome::Valid) {
      // Exit 0 without a verdict is no verdict: count it as a crash.
      r.outcome = Outcome::Crash;
      r.reason = "exited 0 but wrote no results.json";
    }
    return;
  }
  std::stringstream buf;
  buf << in.rdbuf();
  boost::system::error_code jec;
  const json::value v = json::parse(buf.str(), jec);
  if (jec || !v.is_object()) {
    if (r.reason.empty()) r.reason = "results.json is not valid JSON";
    if (r.outcome == Outcome::Valid) r.outcome = Outcome::Crash;
    return;
  }
  const json::object& o = v.get_object();
  // A run stopped by a signal has no verdict; a timeout's SIGTERM stays the timeout's crash.
  if (const json::value* verdict = o.if_contains("verdict");
      !r.timed_out && verdict && verdict->is_string() && verdict->get_string() == "interrupted")
    r.outcome = Outcome::Interrupted;
  if (const json::value* n = o.if_contains("name"); n && n->is_string()) r.name = n->get_string();
  if (!r.request.expect.empty())
    r.expect = r.request.expect;
  else if (const json::value* e = o.if_contains("expect"); e && e->is_string())
    r.expect = e->get_string();
  if (const json::value* d = o.if_contains("duration_s"); d && d->is_number() && r.duration_s == 0)
    r.duration_s = d->to_number<double>();
  if (r.reason.empty()) {
    for (const char* key : {"reason", "error"})
      if (const json::value* x = o.if_contains(key); x && x->is_string() && !x->get_string().empty()) {
        r.reason = x->get_string();
        break;
      }
  }
  if (const json::value* ops = o.if_contains("ops"); ops && ops->is_object())
    for (const char* k : {"ok", "fail", "info"})
      if (const json::value* n = ops->get_object().if_contains(k)) r.counts[k] = *n;
  if (const json::value* c = o.if_contains("checkers"); c && c->is_object())
    anomaly_counts(c->get_object(), r.counts);
}

}  // namespace faultline::harness::suite
