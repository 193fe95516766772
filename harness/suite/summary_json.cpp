#include <cmath>
#include <cstring>

#include "harness/runtime/json_text.hpp"
#include "harness/suite/suite_outputs.hpp"

namespace faultline::harness::suite {

namespace json = boost::json;

std::string anomaly_text(const RunResult& r) {
  std::string out;
  for (const auto& kv : r.counts) {
    const std::string key(kv.key());
    if (key == "ok" || key == "fail" || key == "info") continue;
    out += (out.empty() ? "" : ", ") + json_text(kv.value()) + " " + key;
  }
  return out;
}

json::object summary_json(const SuiteRecord& rec) {
  json::object s;
  s["suite"] = rec.spec.name;
  s["suite_path"] = rec.spec.path.empty() ? json::value(nullptr) : json::value(rec.spec.path);
  s["started_at"] = rec.started_at;
  s["duration_s"] = std::round(rec.duration_s * 1000) / 1000;
  s["outcome"] = outcome_name(rec.worst);  // the worst run, counted by its expectation
  s["passed"] = rec.worst == Outcome::Valid;
  s["exit_code"] = suite_exit_code(rec);
  s["interrupted_by"] = rec.interrupted_by
                            ? json::value(std::string("SIG") + ::sigabbrev_np(rec.interrupted_by))
                            : json::value(nullptr);
  json::object policy;
  policy["kind"] = rec.plan.random_seeds ? "random" : "fixed";
  if (rec.plan.random_seeds)
    policy["suite_seed"] = rec.plan.suite_seed;
  else
    policy["seeds"] = json::value_from(rec.spec.seeds);
  s["seeds"] = std::move(policy);
  s["repeats"] = rec.spec.repeats;
  s["jobs"] = rec.spec.jobs;
  s["timeout_s"] = rec.spec.timeout_s;
  s["store"] = rec.spec.store;
  s["unknown_as"] = rec.spec.unknown == UnknownAs::Skipped ? "skipped" : "error";
  s["shard"] = rec.shard.count
                   ? json::value(json::object{{"index", rec.shard.index}, {"count", rec.shard.count}})
                   : json::value(nullptr);
  if (!rec.shards_merged.empty()) s["shards_merged"] = json::value_from(rec.shards_merged);
  // By verdict, and by whether each run met its expected verdict.
  // Interrupted and not-run runs have no verdict: neither passed nor failed.
  json::object counts{{"valid", 0},  {"invalid", 0}, {"unknown", 0},     {"crash", 0},
                      {"passed", 0}, {"failed", 0},  {"interrupted", 0}, {"not-run", 0}};
  json::array runs, failing;
  for (const auto& r : rec.results) {
    counts[outcome_name(r.outcome)] = counts[outcome_name(r.outcome)].as_int64() + 1;
    if (finished(r)) {
      const char* passed = counted(r) == Outcome::Valid ? "passed" : "failed";
      counts[passed] = counts[passed].as_int64() + 1;
    }
    json::object o;
    o["id"] = r.request.id();
    o["scenario"] = r.request.scenario;
    o["name"] = r.name;
    o["seed"] = r.request.seed;
    o["repeat"] = r.request.repeat;
    o["ordinal"] = r.request.ordinal;  // place in the whole plan, across shards
    o["index"] = r.request.index;
    o["run_args"] = json::value_from(r.request.run_args);
    o["verdict"] = outcome_name(r.outcome);
    o["expect"] = r.expect;
    o["passed"] = counted(r) == Outcome::Valid;
    o["reason"] = r.reason.empty() ? json::value(nullptr) : json::value(r.reason);
    o["exit_code"] = r.exit_code < 0 ? json::value(nullptr) : json::value(r.exit_code);
    o["timed_out"] = r.timed_out;
    o["duration_s"] = std::round(r.duration_s * 1000) / 1000;
    o["run_dir"] = r.request.run_dir.string();
    o["report"] = r.report.empty() ? json::value(nullptr) : json::value(r.report);
    o["replay"] = r.request.replay();
    o["counts"] = r.counts;
    if (!r.output_tail.empty()) o["output_tail"] = r.output_tail;
    if (finished(r) && counted(r) != Outcome::Valid) failing.push_back(o);
    runs.push_back(std::move(o));
  }
  s["counts"] = std::move(counts);
  s["runs"] = std::move(runs);
  s["failing"] = std::move(failing);
  return s;
}

}  // namespace faultline::harness::suite
