#include "harness/report/run_sections.hpp"

#include <fmt/format.h>
#include <algorithm>

#include "harness/report/checker_view.hpp"
#include "harness/report/html.hpp"
#include "harness/report/json_table.hpp"
#include "harness/runtime/json_text.hpp"
#include "harness/runtime/results.hpp"

namespace faultline::harness::report {

namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

std::string text_of(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  if (!v || v->is_null()) return {};
  if (v->is_string()) return std::string(v->get_string());
  return json_text(*v);
}

std::string fact(const char* label, const std::string& value, bool code = false) {
  if (value.empty()) return {};
  return std::string("<tr><th>") + label + "</th><td>" + (code ? "<code class=\"cmd\">" : "") +
         escape(value) + (code ? "</code>" : "") + "</td></tr>";
}

}  // namespace

Verdict run_verdict(const json::object& results, bool have_results) {
  Verdict v;
  if (!have_results) {
    v.word = "unknown";
    v.reason =
        "results.json is missing or unreadable: the run did not finish; this report shows the partial "
        "history";
    return v;
  }
  const std::string word = text_of(results, "verdict");
  // A crash (or an interrupted run) is its own word everywhere: terminal,
  // results.json and this banner.
  v.word =
      (word == "valid" || word == "invalid" || word == "unknown" || word == "crash" || word == "interrupted")
          ? word
          : verdict_word(results.if_contains("valid"));
  v.reason = text_of(results, "reason");
  if (v.reason.empty() && v.word != "valid") {
    // Name the checkers that decided it, so the banner says why even without a reason line.
    std::vector<std::string> culprits;
    if (const json::value* c = results.if_contains("checkers"); c && c->is_object())
      for (const auto& kv : c->get_object()) {
        const json::object* r = kv.value().if_object();
        if (r && verdict_word(r->if_contains("valid")) == v.word) culprits.emplace_back(kv.key());
      }
    if (!culprits.empty()) {
      v.reason = "checker" + std::string(culprits.size() > 1 ? "s " : " ");
      for (std::size_t i = 0; i < culprits.size(); ++i) v.reason += (i ? ", " : "") + culprits[i];
      v.reason += " found the history " + v.word;
    }
  }
  // The error (often a node's log tail) is shown once, preformatted, in the
  // facts table; the banner keeps its first line.
  const std::string error = text_of(results, "error");
  const std::string first_line = error.substr(0, error.find('\n'));
  if (v.reason == error)
    v.reason = first_line;
  else if (!error.empty() && v.reason.find(first_line) == std::string::npos)
    v.reason += (v.reason.empty() ? "" : "; ") + std::string("error: ") + first_line;
  return v;
}

std::string verdict_banner(const Verdict& verdict, const json::object& results) {
  std::string up = verdict.word;
  std::transform(up.begin(), up.end(), up.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  std::string out = "<header id=\"verdict\" class=\"banner " + verdict.word + "\"><div class=\"word\">" + up +
                    escape(expectation_note(results)) + "</div>";
  if (!verdict.reason.empty()) out += "<div class=\"why\">" + escape(verdict.reason) + "</div>";
  out += "</header>\n<table class=\"facts\">";
  out += fact("scenario", text_of(results, "name"));
  out += fact("scenario file", text_of(results, "scenario_path"));
  out += fact("seed", text_of(results, "seed"));
  std::string replay = text_of(results, "replay");
  if (replay.empty() && results.contains("scenario_path") && results.contains("seed"))
    replay = "faultline run " + text_of(results, "scenario_path") + " --seed " + text_of(results, "seed");
  out += fact("replay", replay, true);
  out += fact("workload", text_of(results, "workload"));
  if (const json::value* n = results.if_contains("nodes"); n && n->is_array()) {
    std::string nodes;
    for (const auto& x : n->get_array())
      nodes += (nodes.empty() ? "" : " ") + (x.is_string() ? std::string(x.get_string()) : json_text(x));
    out += fact("nodes", nodes);
  }
  out += fact("started", text_of(results, "started_at"));
  if (const json::value* d = results.if_contains("duration_s"); d && d->is_number())
    out += fact("duration", format_duration_ns(d->to_number<double>() * 1e9));
  if (const json::value* d = results.if_contains("time_limit_s"); d && d->is_number())
    out += fact("time limit", format_duration_ns(d->to_number<double>() * 1e9));
  out += fact("exit code", text_of(results, "exit_code"));
  if (const std::string error = text_of(results, "error"); !error.empty())
    out += "<tr><th>error</th><td><pre class=\"error\">" + escape(error) + "</pre></td></tr>";
  return out + "</table>\n";
}

std::string faults_table(const std::vector<FaultWindow>& faults) {
  if (faults.empty()) return "<p>No faults were injected.</p>\n";
  std::string out =
      "<table "
      "class=\"faults\"><tr><th>fault</th><th>kind</th><th>what</th><th>start</th><th>stop</th><th>length</"
      "th></tr>";
  for (const auto& w : faults) {
    out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", w.id,
                       escape(w.kind), escape(w.description), format_time_s(w.start_ns),
                       w.stop_ns < 0 ? "never healed" : format_time_s(w.stop_ns),
                       w.stop_ns < 0 ? "" : format_duration_ns(static_cast<double>(w.stop_ns - w.start_ns)));
  }
  return out + "</table>\n";
}

std::string network_section(const json::object& results) {
  std::string out;
  if (const json::value* ops = results.if_contains("ops"); ops && ops->is_object()) {
    out += "<h3>Ops</h3><table class=\"counts\"><tr>";
    for (const auto& kv : ops->get_object()) out += "<th>" + escape(kv.key()) + "</th>";
    out += "</tr><tr>";
    for (const auto& kv : ops->get_object())
      out +=
          "<td>" +
          (kv.value().is_int64() ? format_count(kv.value().get_int64()) : escape(json_preview(kv.value()))) +
          "</td>";
    out += "</tr></table>\n";
  }
  const json::value* net = results.if_contains("network");
  if (net && net->is_object()) {
    // Rows: link classes (all, clients, servers, ...); columns: the counters they share.
    std::vector<std::string> columns;
    std::string scalars;
    for (const auto& kv : net->get_object()) {
      if (const json::object* row = kv.value().if_object()) {
        for (const auto& c : *row)
          if (std::find(columns.begin(), columns.end(), std::string(c.key())) == columns.end())
            columns.emplace_back(c.key());
      } else {
        scalars +=
            "<tr><th>" + escape(kv.key()) + "</th><td>" + escape(json_preview(kv.value())) + "</td></tr>";
      }
    }
    out += "<h3>Network</h3>";
    if (!columns.empty()) {
      out += "<table class=\"network\"><tr><th>links</th>";
      for (const auto& c : columns) out += "<th>" + escape(c) + "</th>";
      out += "</tr>";
      for (const auto& kv : net->get_object()) {
        const json::object* row = kv.value().if_object();
        if (!row) continue;
        out += "<tr><th>" + escape(kv.key()) + "</th>";
        for (const auto& c : columns) {
          const json::value* v = row->if_contains(c);
          out += "<td>" +
                 (!v              ? std::string()
                  : v->is_int64() ? format_count(v->get_int64())
                                  : json_table(*v, 3)) +
                 "</td>";
        }
        out += "</tr>";
      }
      out += "</table>";
    }
    if (!scalars.empty()) out += "<table class=\"counts\">" + scalars + "</table>";
    out += "\n";
  }
  if (const json::value* proxy = results.if_contains("proxy"); proxy && proxy->is_object()) {
    // Rows: link class and plane; columns: that plane's counters.
    out += "<h3>Proxy plane (real traffic)</h3>";
    for (const char* plane : {"tcp", "udp"}) {
      std::string head, rows;
      for (const char* cls : {"servers", "clients"}) {
        const json::value* c = proxy->get_object().if_contains(cls);
        const json::value* counters = c && c->is_object() ? c->get_object().if_contains(plane) : nullptr;
        if (!counters || !counters->is_object()) continue;
        if (head.empty())
          for (const auto& kv : counters->get_object()) head += "<th>" + escape(kv.key()) + "</th>";
        rows +=
            std::string("<tr><th>") + (std::string(cls) == "servers" ? "node-node" : "client-node") + "</th>";
        for (const auto& kv : counters->get_object())
          rows += "<td>" +
                  (kv.value().is_number() ? format_count(kv.value().to_number<std::int64_t>())
                                          : escape(json_preview(kv.value()))) +
                  "</td>";
        rows += "</tr>";
      }
      if (!rows.empty())
        out += std::string("<table class=\"network\"><tr><th>") + plane + " links</th>" + head + "</tr>" +
               rows + "</table>";
    }
    out += "\n";
  }
  if (const json::value* warnings = results.if_contains("warnings"); warnings && warnings->is_array())
    for (const auto& w : warnings->get_array())
      out += "<p class=\"warning\"><strong>Warning:</strong> " +
             escape(w.is_string() ? std::string(w.get_string()) : json_preview(w)) + "</p>\n";
  if (const json::value* pe = results.if_contains("protocol_errors"); pe && pe->is_object()) {
    const json::object& o = pe->get_object();
    const json::value* count = o.if_contains("count");
    if (count && count->is_number() && count->to_number<double>() > 0) {
      out += "<h3>Protocol errors</h3><p>" + escape(json_preview(*count)) +
             " lines from nodes were not valid protocol messages (each is dropped, as Maelstrom does).</p>";
      if (const json::value* first = o.if_contains("first")) out += json_table(*first);
    }
  }
  if (const json::value* cuts = results.if_contains("node_logs_cut"); cuts && cuts->is_object()) {
    for (const auto& [id, bytes] : cuts->get_object())
      out += "<p>The stderr log of node " + escape(std::string(id)) +
             " went over its cap: " + escape(json_preview(bytes)) +
             " bytes were cut from its middle (marked in the log).</p>";
  }
  return out.empty() ? "<p>No network statistics in results.json.</p>\n" : out;
}

std::string files_section(const fs::path& run_dir) {
  std::string out = "<ul class=\"files\">";
  auto link = [&](const fs::path& rel, const std::string& what) {
    std::error_code ec;
    const auto size = fs::file_size(run_dir / rel, ec);
    if (ec) return;
    out += "<li><a href=\"" + escape(rel.generic_string()) + "\">" + escape(rel.generic_string()) +
           "</a> — " + escape(what) + " (" + format_count(static_cast<std::int64_t>(size)) + " bytes)</li>";
  };
  link("history.jsonl", "history, one op per line");
  link("history.edn", "history for Jepsen tools");
  link("history.txt", "history as text");
  link("results.json", "verdict and checker details");
  link("scenario.yaml", "the scenario as run");
  link("linearizability.html", "linearizability visualisation");
  link("trace.jsonl", "message trace: every send, delivery, drop and duplicate (network.trace)");
  std::error_code ec;
  std::vector<fs::path> logs;
  for (const auto& e : fs::directory_iterator(run_dir / "node-logs", ec))
    if (e.is_regular_file()) logs.push_back(fs::path("node-logs") / e.path().filename());
  std::sort(logs.begin(), logs.end());
  for (const auto& l : logs) link(l, "log (stderr) of node " + l.stem().string());
  return out + "</ul>\n";
}

}  // namespace faultline::harness::report
