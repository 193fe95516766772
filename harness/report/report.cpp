#include "harness/report/report.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include "harness/report/checker_view.hpp"
#include "harness/report/fault_windows.hpp"
#include "harness/report/html.hpp"
#include "harness/report/json_table.hpp"
#include "harness/report/message_diagram.hpp"
#include "harness/report/message_trace_read.hpp"
#include "harness/report/op_pairs.hpp"
#include "harness/report/plots.hpp"
#include "harness/report/report_context.hpp"
#include "harness/report/report_style.hpp"
#include "harness/report/run_sections.hpp"
#include "harness/scenario/duration.hpp"
#include "history/history_file.hpp"
#include "history/output_file.hpp"
#include "nemesis/message_trace.hpp"

namespace faultline::harness {

namespace json = boost::json;
namespace fs = std::filesystem;
using namespace report;

namespace {

constexpr std::size_t kTimelineOps = 1500;

// results.json, or an empty object plus the reason it could not be used.
json::object read_results(const fs::path& path, std::string& problem) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    problem = "results.json is missing";
    return {};
  }
  std::stringstream buf;
  buf << in.rdbuf();
  boost::system::error_code ec;
  json::value v = json::parse(buf.str(), ec);
  if (ec || !v.is_object()) {
    problem = "results.json is not a JSON object" + (ec ? ": " + ec.message() : std::string());
    return {};
  }
  return std::move(v.as_object());
}

// Plots subtract and scale times; a crafted history with times near
// INT64_MAX would overflow them. No run lasts 30 days, so such ops are
// dropped lines, not points.
constexpr std::int64_t kMaxTimeNs = std::int64_t{30} * 24 * 3600 * 1'000'000'000;

history::History drop_impossible_times(history::History ops, history::ReadNotes& notes) {
  history::History kept;
  kept.reserve(ops.size());
  for (auto& op : ops) {
    if (op.time >= 0 && op.time <= kMaxTimeNs) {
      kept.push_back(std::move(op));
      continue;
    }
    notes.skipped("history.jsonl: op " + std::to_string(op.index) + " has time " + std::to_string(op.time) +
                  " ns, outside 0 .. 30 days; dropped");
  }
  return kept;
}

// The message trace section, when the run wrote one (network.trace).
std::string messages_section(const fs::path& run_dir, const ReportContext& ctx,
                             const ReportOptions& options) {
  const fs::path path = run_dir / nemesis::kTraceFile;
  if (!fs::exists(path)) return {};
  MessageWindow window;
  window.from_ns = options.messages_from_ns;
  window.to_ns = options.messages_to_ns;
  if (ctx.first_evidence >= 0) {
    window.focus_ns = ctx.history[static_cast<std::size_t>(ctx.first_evidence)].time;
    window.focus_what = "the first evidence op";
  } else if (!ctx.faults.empty()) {
    window.focus_ns = ctx.faults.front().start_ns;
    window.focus_what = "the first fault";
  }
  std::string out = "<h2 id=\"messages\">Messages</h2>\n";
  out +=
      "<p class=\"meaning\">What the endpoints said to each other (trace.jsonl): one lane per node, "
      "service and client, time flowing down, an arrow from each send to its delivery. <code>faultline "
      "report DIR --messages 2s..3s</code> draws another window.</p>\n";
  out += message_diagram(read_message_trace(path), ctx.faults, ctx.end_ns, window);
  return out;
}

}  // namespace

void write_report(const fs::path& run_dir, const ReportOptions& options) {
  if (!fs::is_directory(run_dir)) throw std::runtime_error(run_dir.string() + " is not a directory");
  std::string results_problem;
  const json::object results = read_results(run_dir / "results.json", results_problem);
  history::ReadNotes notes;
  const history::History hist = drop_impossible_times(
      history::read_history_file((run_dir / "history.jsonl").string(), &notes, history::ReadMode::Lenient),
      notes);
  const std::vector<OpPair> pairs = timed_pairs(hist);
  const std::vector<FaultWindow> faults = fault_windows(results, hist);
  std::int64_t end = history_end(hist);
  for (const auto& w : faults) end = std::max(end, std::max(w.start_ns, w.stop_ns));
  ReportContext ctx(hist, pairs, faults, end);

  const Verdict verdict = run_verdict(results, results_problem.empty());
  std::string name;
  if (const json::value* n = results.if_contains("name"); n && n->is_string()) name = n->get_string();

  std::string body;
  body.reserve(1 << 20);
  body += verdict_banner(verdict, results);
  body +=
      "<nav><a href=\"#checkers\">checkers</a><a href=\"#plots\">plots</a><a href=\"#faults\">faults</a>"
      "<a href=\"#timeline\">timeline</a>";
  const bool traced = fs::exists(run_dir / nemesis::kTraceFile);
  if (traced) body += "<a href=\"#messages\">messages</a>";
  body += "<a href=\"#network\">network</a><a href=\"#files\">files</a></nav>\n";

  // Checkers first: they hold the evidence, and rendering them marks the ops the timeline outlines.
  body += "<h2 id=\"checkers\">Checkers</h2>\n";
  const json::value* checkers = results.if_contains("checkers");
  if (checkers && checkers->is_object() && !checkers->get_object().empty()) {
    body += "<table class=\"summary\"><tr><th>checker</th><th>verdict</th></tr>";
    for (const auto& kv : checkers->get_object()) {
      const json::object* r = kv.value().if_object();
      const std::string w = verdict_word(r ? r->if_contains("valid") : nullptr);
      body += "<tr><td><a href=\"#checker-" + escape(kv.key()) + "\">" + escape(kv.key()) +
              "</a></td><td><span class=\"badge " + w + "\">" + w + "</span></td></tr>";
    }
    body += "</table>\n";
    for (const auto& kv : checkers->get_object())
      body += checker_section(std::string(kv.key()), kv.value(), ctx);
  } else {
    body += "<p>No checker results" +
            (results_problem.empty() ? std::string() : " (" + escape(results_problem) + ")") + ".</p>\n";
  }

  const PlotInput in{hist, pairs, faults, end};
  body += "<h2 id=\"plots\">Latency and throughput</h2>\n";
  body += latency_plot(in);
  body += throughput_plot(in);
  body += "<h2 id=\"faults\">Faults</h2>\n" + faults_table(faults);
  body += "<h2 id=\"timeline\">Timeline of ops per process</h2>\n";
  if (!ctx.evidence.empty())
    body += "<p class=\"note\">Ops outlined in black are the evidence shown above.</p>\n";
  body += timeline_plot(in, kTimelineOps, ctx.first_evidence, ctx.evidence,
                        "Ops per process from invoke to completion, by outcome");
  if (traced) body += messages_section(run_dir, ctx, options);
  body += "<h2 id=\"network\">Ops and network</h2>\n" + network_section(results);
  body += "<h2 id=\"files\">Files</h2>\n" + files_section(run_dir);
  if (!notes.notes.empty() || !results_problem.empty()) {
    body += "<h2>Report notes</h2><ul>";
    if (!results_problem.empty()) body += "<li>" + escape(results_problem) + "</li>";
    if (notes.skipped_lines)
      body += "<li>" + format_count(static_cast<std::int64_t>(notes.skipped_lines)) +
              " history lines could not be read and were skipped</li>";
    for (const auto& e : notes.notes) body += "<li><code>" + escape(e) + "</code></li>";
    body += "</ul>\n";
  }
  if (const json::value* s = results.if_contains("scenario"); s && !s->is_null())
    body +=
        "<h2>Scenario</h2><details><summary>the scenario as run</summary>" + json_table(*s) + "</details>\n";

  std::string page;
  page.reserve(body.size() + 4096);
  page +=
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
      "img-src data:\">"
      "<title>";
  page += escape(fmt::format("{} — {}{}", verdict.word, name.empty() ? "faultline run" : name,
                             results.contains("seed") ? " seed " + json::serialize(results.at("seed")) : ""));
  page += "</title><style>";
  page += kReportCss;
  page += "</style></head>\n<body>\n";
  page += body;
  page += fmt::format("<footer class=\"note\">{} ops in the history · written by faultline report</footer>\n",
                      format_count(static_cast<std::int64_t>(hist.size())));
  page += "</body></html>\n";
  history::write_file(run_dir / "report.html", page);
}

int report_command(const std::string& run_dir, const std::string& messages_window) {
  const fs::path dir(run_dir);
  ReportOptions options;
  if (!messages_window.empty()) {
    std::string error;
    const auto range = parse_duration_range(messages_window, &error);
    if (!range || range->second < range->first) {
      std::cerr << "faultline report: --messages " << messages_window << ": "
                << (range ? "the window ends before it starts" : error)
                << " (expected FROM..TO, e.g. 2s..3.5s)\n";
      return 254;
    }
    options.messages_from_ns = range->first.count();
    options.messages_to_ns = range->second.count();
  }
  if (!fs::is_directory(dir)) {
    std::cerr << "faultline report: " << run_dir
              << " is not a run directory (expected a directory holding results.json"
              << " and history.jsonl, e.g. store/latest)\n";
    return 254;
  }
  if (!fs::exists(dir / "results.json") && !fs::exists(dir / "history.jsonl")) {
    std::cerr << "faultline report: " << run_dir
              << " has neither results.json nor history.jsonl; is it a run directory?\n";
    return 254;
  }
  try {
    write_report(dir, options);
  } catch (const std::exception& e) {
    std::cerr << "faultline report: " << e.what() << "\n";
    return 255;
  }
  std::cout << (dir / "report.html").string() << "\n";
  return 0;
}

}  // namespace faultline::harness
