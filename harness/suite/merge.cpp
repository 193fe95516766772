#include "harness/suite/merge.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <fstream>
#include <map>
#include <ostream>
#include <set>
#include <sstream>

#include "harness/suite/suite_outputs.hpp"

namespace faultline::harness::suite {

namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

json::object read_summary(const fs::path& dir) {
  std::ifstream in(dir / "summary.json", std::ios::binary);
  if (!in)
    throw SuiteError(dir.string() + ": no summary.json; is it a suite directory (STORE/suites/<timestamp>)?");
  std::stringstream buf;
  buf << in.rdbuf();
  boost::system::error_code ec;
  json::value v = json::parse(buf.str(), ec);
  if (ec || !v.is_object() || !v.as_object().contains("runs") || !v.at("runs").is_array())
    throw SuiteError((dir / "summary.json").string() + ": not a suite summary (no list of runs)");
  return std::move(v.as_object());
}

std::string text(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

template <typename T>
T number(const json::object& o, const char* key, T fallback) {
  const json::value* v = o.if_contains(key);
  return v && v->is_number() ? v->to_number<T>() : fallback;
}

Outcome outcome_named(const std::string& name) {
  for (Outcome o : {Outcome::Valid, Outcome::Unknown, Outcome::Invalid, Outcome::Crash, Outcome::Interrupted,
                    Outcome::NotRun})
    if (name == outcome_name(o)) return o;
  return Outcome::Crash;
}

// A report link of a shard's summary, made relative to the merged dir.
std::string relink(const fs::path& shard_dir, const std::string& report, const fs::path& merged_dir) {
  if (report.empty()) return {};
  const fs::path target = fs::absolute(shard_dir / report).lexically_normal();
  const fs::path rel = target.lexically_relative(fs::absolute(merged_dir).lexically_normal());
  return rel.empty() ? target.string() : rel.generic_string();
}

RunResult run_from(const json::object& o, const fs::path& shard_dir, const fs::path& merged_dir) {
  RunResult r;
  RunRequest& q = r.request;
  q.scenario = text(o, "scenario");
  q.scenario_stem = fs::path(q.scenario).stem().string();
  q.seed = number<std::uint64_t>(o, "seed", 0);
  q.repeat = number<int>(o, "repeat", 1);
  q.ordinal = number<std::size_t>(o, "ordinal", 0);
  q.index = number<int>(o, "index", q.repeat);
  q.run_dir = text(o, "run_dir");
  if (const json::value* a = o.if_contains("run_args"); a && a->is_array())
    for (const auto& x : a->get_array())
      if (x.is_string()) q.run_args.emplace_back(x.get_string());
  r.outcome = outcome_named(text(o, "verdict"));
  r.expect = text(o, "expect").empty() ? "valid" : text(o, "expect");
  r.name = text(o, "name");
  r.reason = text(o, "reason");
  r.duration_s = number<double>(o, "duration_s", 0);
  r.exit_code = number<int>(o, "exit_code", -1);
  if (const json::value* t = o.if_contains("timed_out"); t && t->is_bool()) r.timed_out = t->get_bool();
  if (const json::value* c = o.if_contains("counts"); c && c->is_object()) r.counts = c->get_object();
  r.report = relink(shard_dir, text(o, "report"), merged_dir);
  r.output_tail = text(o, "output_tail");
  return r;
}

}  // namespace

SuiteRun merge_suites(const std::vector<std::string>& dirs, const fs::path& store, std::ostream& out) {
  if (dirs.empty()) throw SuiteError("suite merge: give the suite directories of the shards to merge");
  std::vector<json::object> summaries;
  for (const auto& d : dirs) summaries.push_back(read_summary(d));

  const json::object& first = summaries.front();
  SuiteSpec spec;
  spec.name = text(first, "suite");
  spec.path = text(first, "suite_path");
  spec.repeats = number<int>(first, "repeats", 1);
  spec.jobs = number<int>(first, "jobs", 1);
  spec.timeout_s = number<double>(first, "timeout_s", 600);
  spec.store = store.string();
  spec.unknown = text(first, "unknown_as") == "error" ? UnknownAs::Error : UnknownAs::Skipped;
  SuitePlan plan;
  if (const json::value* s = first.if_contains("seeds"); s && s->is_object()) {
    const auto& seeds = s->get_object();
    plan.random_seeds = text(seeds, "kind") == "random";
    plan.suite_seed = number<std::uint64_t>(seeds, "suite_seed", 0);
    if (const json::value* list = seeds.if_contains("seeds"); list && list->is_array())
      for (const auto& x : list->get_array())
        if (x.is_number()) spec.seeds.push_back(x.to_number<std::uint64_t>());
  }

  // Shards of one suite: same name, same shard count, each shard once.
  int count = 0;
  std::set<int> seen;
  for (std::size_t i = 0; i < summaries.size(); ++i) {
    const json::object& s = summaries[i];
    if (text(s, "suite") != spec.name)
      throw SuiteError(dirs[i] + " is from suite '" + text(s, "suite") + "', not '" + spec.name + "'");
    const json::value* shard = s.if_contains("shard");
    if (!shard || !shard->is_object())
      throw SuiteError(dirs[i] +
                       " is not a shard (it ran without --shard); merge combines shards of one suite");
    const int index = number<int>(shard->get_object(), "index", 0),
              n = number<int>(shard->get_object(), "count", 0);
    if (count && n != count)
      throw SuiteError(dirs[i] + " is shard " + std::to_string(index) + "/" + std::to_string(n) +
                       ", but the others are of " + std::to_string(count));
    count = n;
    if (!seen.insert(index).second)
      throw SuiteError(dirs[i] + ": shard " + std::to_string(index) + "/" + std::to_string(n) +
                       " given twice");
  }

  SuiteRun run;
  run.dir = make_suite_dir(store);
  std::string started_at;
  double duration_s = 0;
  for (std::size_t i = 0; i < summaries.size(); ++i) {
    const json::object& s = summaries[i];
    const std::string at = text(s, "started_at");
    if (started_at.empty() || (!at.empty() && at < started_at)) started_at = at;
    duration_s = std::max(duration_s, number<double>(s, "duration_s", 0));  // shards run side by side
    for (const auto& r : s.at("runs").get_array())
      if (r.is_object()) run.results.push_back(run_from(r.get_object(), dirs[i], run.dir));
  }
  std::stable_sort(run.results.begin(), run.results.end(), [](const RunResult& a, const RunResult& b) {
    return a.request.ordinal < b.request.ordinal;
  });

  std::string missing;
  for (int i = 1; i <= count; ++i)
    if (!seen.count(i)) missing += (missing.empty() ? "" : ", ") + std::to_string(i);
  Outcome worst = Outcome::Valid;
  for (const auto& r : run.results) worst = worse(worst, counted(r));
  if (worst == Outcome::NotRun) worst = Outcome::Interrupted;  // a stopped shard: the suite's word
  // A merge with shards missing has not seen the whole suite: it cannot pass.
  if (!missing.empty()) worst = worse(worst, Outcome::Unknown);
  SuiteRecord record{spec, plan, run.results, started_at, duration_s, worst};
  record.shards_merged.assign(seen.begin(), seen.end());
  out << fmt::format("suite {}: merged {} of {} shards ({} runs){}\n", spec.name, seen.size(), count,
                     run.results.size(), missing.empty() ? std::string() : "; missing shards: " + missing);
  write_suite_outputs(record, run.dir);
  print_failing_and_outcome(out, record, run.dir);
  run.exit_code = exit_code_of(worst);
  return run;
}

}  // namespace faultline::harness::suite
