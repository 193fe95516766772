#include <fmt/format.h>
#include <cstring>
#include <map>
#include <set>

#include "harness/report/html.hpp"
#include "harness/runtime/json_text.hpp"
#include "harness/suite/suite_outputs.hpp"

namespace faultline::harness::suite {

namespace {

using report::escape;

constexpr const char* kCss = R"css(
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1200px;padding:0 16px 40px;color:#222}
.banner{margin:16px 0 8px;padding:14px 18px;border-radius:6px;color:#fff}
.banner .word{font-size:26px;font-weight:700}
.banner.valid{background:#2e7d32}.banner.invalid{background:#c62828}.banner.unknown{background:#b26a00}.banner.crash{background:#6a1b9a}.banner.interrupted{background:#455a64}
table{border-collapse:collapse;margin:8px 0}
th,td{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f6f6f6}
td.v{font-weight:600;color:#fff;text-align:center}
td.valid{background:#2e7d32}td.invalid{background:#c62828}td.unknown{background:#b26a00}td.crash{background:#6a1b9a}
td.interrupted{background:#455a64}td.not-run{background:#9e9e9e}
code{font:12px ui-monospace,Menlo,Consolas,monospace;user-select:all}
dl.legend{display:grid;grid-template-columns:max-content auto;gap:2px 12px;color:#555}
dl.legend dt{font-weight:600}dl.legend dd{margin:0}
)css";

// What each word in the counts column means; the index lists those it used.
const std::map<std::string, std::string>& count_meanings() {
  static const std::map<std::string, std::string> m = {
      {"ok", "client ops that completed ok"},
      {"fail", "client ops that definitely did not happen"},
      {"info", "client ops whose outcome is unknown (timed out)"},
      {"lost", "acknowledged values missing from the final reads"},
      {"duplicated", "values delivered or shown more often than allowed"},
      {"unexpected", "values read that no client ever wrote"},
      {"stale", "values some read missed for a while after their ack (propagation delay; not a failure)"},
      {"never-read", "values added but never seen by any read (not proof of loss)"},
      {"errors", "results the checker rejected"},
      {"bad-reads", "reads the checker rejected"},
      {"failures", "checks that failed"},
      {"anomalies", "anomalies the checker found"},
  };
  return m;
}

// Counts of a run; in bold only for a run that did not pass, where they are
// the reason, not a measure.
std::string counts_cell(const RunResult& r, std::set<std::string>& used) {
  std::string out;
  for (const char* k : {"ok", "fail", "info"})
    if (const auto* v = r.counts.if_contains(k)) {
      out += fmt::format("{}{} {}", out.empty() ? "" : " · ", json_text(*v), k);
      used.insert(k);
    }
  for (const auto& kv : r.counts) {
    const std::string key(kv.key());
    if (key == "ok" || key == "fail" || key == "info") continue;
    used.insert(key);
  }
  const std::string anomalies = anomaly_text(r);
  if (!anomalies.empty()) {
    const bool failed = counted(r) != Outcome::Valid;
    out += (out.empty() ? "" : " · ") + std::string(failed ? "<b>" : "") + escape(anomalies) +
           (failed ? "</b>" : "");
  }
  return out;
}

}  // namespace

std::string index_html(const SuiteRecord& rec) {
  std::map<std::string, int> counts;
  for (const auto& r : rec.results) {
    ++counts[outcome_name(r.outcome)];
    if (finished(r)) ++counts[counted(r) == Outcome::Valid ? "passed" : "failed"];
  }
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
                    escape(fmt::format("{} — suite {}", suite_word(rec.worst), rec.spec.name)) +
                    "</title><style>" + kCss + "</style></head>\n<body>\n";
  out += fmt::format("<header id=\"verdict\" class=\"banner {}\"><div class=\"word\">{}: {}</div>",
                     outcome_name(rec.worst), escape(rec.spec.name), suite_word(rec.worst));
  out += fmt::format(
      "<div>{} runs: {} passed, {} failed (verdicts: {} valid, {} invalid, {} unknown, {} crashed; a run "
      "passes when its verdict is the one its scenario expects) · started {} · {:.1f} s</div></header>\n",
      rec.results.size(), counts["passed"], counts["failed"], counts["valid"], counts["invalid"],
      counts["unknown"], counts["crash"], escape(rec.started_at), rec.duration_s);
  if (counts["interrupted"] || counts["not-run"])
    out += fmt::format(
        "<p id=\"interrupted\"><b>{}</b>: {} run{} interrupted, {} not run.</p>\n",
        rec.interrupted_by
            ? escape(std::string("The suite was interrupted by SIG") + ::sigabbrev_np(rec.interrupted_by))
            : std::string("Runs were interrupted"),
        counts["interrupted"], counts["interrupted"] == 1 ? " was" : "s were", counts["not-run"]);
  out +=
      "<p>Seeds: " +
      (rec.plan.random_seeds ? fmt::format("random, from suite seed {}", rec.plan.suite_seed)
                             : std::string("fixed list")) +
      fmt::format(" · repeats {} · jobs {} · timeout {:g} s", rec.spec.repeats, rec.spec.jobs,
                  rec.spec.timeout_s) +
      (rec.shard.count ? fmt::format(" · shard {} of {}", rec.shard.index, rec.shard.count) : std::string()) +
      (rec.shards_merged.empty() ? std::string()
                                 : fmt::format(" · merged from {} shards", rec.shards_merged.size())) +
      " · <a href=\"summary.json\">summary.json</a> · <a href=\"junit.xml\">junit.xml</a></p>\n";

  bool any_failing = false;
  std::string failing =
      "<h2>Failing "
      "runs</h2><table><tr><th>run</th><th>verdict</th><th>why</th><th>replay</th><th>report</th></tr>";
  for (const auto& r : rec.results) {
    if (!finished(r) || counted(r) == Outcome::Valid) continue;
    any_failing = true;
    failing += fmt::format(
        "<tr><td>{}</td><td class=\"v {}\">{}</td><td>{}</td><td><code>{}</code></td><td>{}</td></tr>",
        escape(r.request.id()), outcome_name(counted(r)), escape(verdict_text(r)), escape(r.reason),
        escape(r.request.replay()),
        r.report.empty() ? "" : "<a href=\"" + escape(r.report) + "\">report</a>");
  }
  if (any_failing) out += failing + "</table>\n";

  // Scenario x seed: one row per run, the scenario cell spanning its runs.
  out +=
      "<h2>All runs</h2><table "
      "class=\"runs\"><tr><th>scenario</th><th>seed</th><th>verdict</th><th>duration</th>"
      "<th>counts</th><th>report</th></tr>\n";
  std::set<std::string> used;
  for (std::size_t i = 0; i < rec.results.size();) {
    std::size_t j = i;
    while (j < rec.results.size() && rec.results[j].request.scenario == rec.results[i].request.scenario) ++j;
    for (std::size_t k = i; k < j; ++k) {
      const RunResult& r = rec.results[k];
      out += "<tr>";
      if (k == i)
        out += fmt::format("<th rowspan=\"{}\">{}<br><small>{}</small></th>", j - i, escape(r.name),
                           escape(r.request.scenario));
      out += fmt::format(
          "<td>{}{}</td><td class=\"v {}\" title=\"{}\">{}</td><td>{:.1f} "
          "s</td><td>{}</td><td>{}</td></tr>\n",
          r.request.seed, r.request.repeat > 1 ? fmt::format(" (r{})", r.request.repeat) : "",
          outcome_name(counted(r)), escape(r.reason), escape(verdict_text(r)), r.duration_s,
          counts_cell(r, used), r.report.empty() ? "" : "<a href=\"" + escape(r.report) + "\">report</a>");
    }
    i = j;
  }
  out += "</table>\n";
  if (!used.empty()) {
    out += "<dl class=\"legend\">";
    for (const auto& word : used)
      if (auto it = count_meanings().find(word); it != count_meanings().end())
        out += "<dt>" + escape(word) + "</dt><dd>" + escape(it->second) + "</dd>";
    out += "</dl>\n";
  }
  out += "</body></html>\n";
  return out;
}

}  // namespace faultline::harness::suite
