// A checker the report has never heard of declares its evidence
// (checkers/evidence_schema.hpp) and the report shows it: title, meaning,
// the ops that added each element and the final reads that missed it, found
// through the checker's own fs. Nothing in harness/report names this checker
// or its keys.
#include <catch2/catch.hpp>

#include "checkers/checker.hpp"
#include "checkers/evidence_schema.hpp"
#include "checkers/linearizability/checker.hpp"
#include "harness/report/report.hpp"
#include "history/jsonl.hpp"
#include "html_check.hpp"
#include "run_fixture.hpp"
#include "sample_runs.hpp"

using namespace faultline;

namespace {

// Widgets are put into a bin and the bin is scanned; a widget put (ok) but
// missing from the final scan is "misplaced".
class WidgetAudit : public checkers::Checker {
 public:
  std::string name() const override { return "widget-audit"; }
  checkers::CheckResult check(const history::History& history) const override {
    checkers::CheckResult r;
    std::vector<std::int64_t> put;
    boost::json::array last_scan;
    for (const auto& op : history) {
      if (op.type != history::OpType::Ok) continue;
      if (op.f == "put") put.push_back(op.value.as_int64());
      if (op.f == "scan") last_scan = op.value.as_array();
    }
    boost::json::array misplaced;
    for (std::int64_t w : put)
      if (std::find(last_scan.begin(), last_scan.end(), boost::json::value(w)) == last_scan.end())
        misplaced.emplace_back(w);
    r.verdict = misplaced.empty() ? checkers::Verdict::Valid : checkers::Verdict::Invalid;
    r.details["misplaced-count"] = misplaced.size();
    r.details["misplaced"] = std::move(misplaced);
    checkers::EvidenceField field{"misplaced",
                                  checkers::EvidenceKind::Elements,
                                  "Misplaced widgets",
                                  "put in the bin, yet absent from the final scan.",
                                  {"put"},
                                  {"scan"},
                                  static_cast<unsigned>(checkers::ElementOps::FinalReadsWithout)};
    checkers::declare_evidence(r.details, {field});
    return r;
  }
};

// Runs `checker` on the history, writes a run dir with its result as
// results.json, and returns the report's HTML.
std::string report_of_invalid(const std::string& history_text, const checkers::Checker& checker) {
  test::TempDir tmp;
  test::write_file(tmp.path() / "history.jsonl", history_text);
  std::stringstream in(history_text);
  const checkers::CheckResult result = checker.check(history::read_jsonl_stream(in, "history.jsonl"));
  REQUIRE(result.verdict == checkers::Verdict::Invalid);
  boost::json::object details = result.details;
  details["valid"] = false;
  test::write_file(
      tmp.path() / "results.json",
      test::results_json("false", "invalid", "\"" + checker.name() + ": invalid\"", 1,
                         boost::json::serialize(boost::json::object{{checker.name(), details}})));
  harness::write_report(tmp.path());
  const std::string html = test::read_file(tmp.path() / "report.html");
  REQUIRE(test::check_markup(html, true).ok);
  return html;
}

}  // namespace

TEST_CASE("a new checker's declared evidence shows up in the report without editing the report") {
  test::HistoryBuilder h;
  h.op("0", "invoke", "put", "7", 10);                          // #0
  h.op("0", "ok", "put", "7", 20);                              // #1
  h.op("1", "invoke", "put", "8", 30);                          // #2
  h.op("1", "ok", "put", "8", 40);                              // #3
  h.op("0", "invoke", "scan", "null", 90, R"(,"final":true)");  // #4
  h.op("0", "ok", "scan", "[8]", 95, R"(,"final":true)");       // #5
  const std::string html = report_of_invalid(h.text(), WidgetAudit());
  CHECK(html.find("<h4>Misplaced widgets (1)</h4>") != std::string::npos);
  CHECK(html.find("put in the bin, yet absent from the final scan.") != std::string::npos);
  CHECK(html.find("<b>Misplaced widgets</b> 7: added by op #0, acknowledged at 0.020 s; missing from 1 of 1 "
                  "final reads") != std::string::npos);
  CHECK(html.find("<td class=\"label\">add</td><td>#0</td>") != std::string::npos);
  CHECK(html.find("<td class=\"label\">ack</td><td>#1</td>") != std::string::npos);
  CHECK(html.find("<td class=\"label\">final read missing it</td><td>#5</td>") != std::string::npos);
  // The schema itself is not shown as a detail.
  CHECK(html.find("<th>evidence</th>") == std::string::npos);
}

TEST_CASE("the linearizability checker's declared counterexample is drawn as an op table and a timeline") {
  test::HistoryBuilder h;
  h.op("0", "invoke", "write", "[\"a\",1]", 10);    // #0
  h.op("0", "ok", "write", "[\"a\",1]", 20);        // #1
  h.op("1", "invoke", "read", "[\"a\",null]", 30);  // #2
  h.op("1", "ok", "read", "[\"a\",7]", 40);         // #3: 7 was never written
  checkers::lin::LinOptions o;
  o.model = "kv";
  const std::string html = report_of_invalid(h.text(), checkers::lin::LinearizabilityChecker(o));
  CHECK(html.find("<h4>Not linearizable</h4>") != std::string::npos);
  CHECK(html.find("<h5>key &quot;a&quot;</h5>") != std::string::npos);
  CHECK(html.find("<td>#3</td>") != std::string::npos);  // the read's completion, with the value it saw
  CHECK(html.find("<title>Counterexample window</title>") != std::string::npos);
}
