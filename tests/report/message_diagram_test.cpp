// The message diagram of report.html (issue 14.10): drawn from trace.jsonl
// when the run has one, with an arrow per delivery, a cross per drop, the
// duplicate's copy marked and the fault window shaded; absent without a trace.
#include <catch2/catch.hpp>

#include "harness/report/report.hpp"
#include "html_check.hpp"
#include "run_fixture.hpp"
#include "sample_runs.hpp"

using namespace faultline;
using test::count_of;

namespace message_diagram_test {

std::string report_of(const std::filesystem::path& dir, const harness::ReportOptions& options = {}) {
  harness::write_report(dir, options);
  const std::string html = test::read_file(dir / "report.html");
  const auto check = test::check_markup(html, true);
  INFO(check.problem);
  REQUIRE(check.ok);
  return html;
}

TEST_CASE("a traced run's report draws every message as an arrow, drops with a cross", "[report][trace]") {
  test::TempDir tmp;
  test::make_lost_run(tmp.path());
  test::write_file(tmp.path() / "trace.jsonl", test::lost_run_trace());
  const std::string html = report_of(tmp.path());
  CHECK(html.find("<a href=\"#messages\">messages</a>") != std::string::npos);
  CHECK(html.find("<h2 id=\"messages\">Messages</h2>") != std::string::npos);
  REQUIRE(count_of(html, "<svg class=\"plot messages\"") == 1);
  const std::string diagram = html.substr(html.find("<svg class=\"plot messages\""));
  // 5 adds, each: add, two gossips, add_ok = 20 messages; the gossips of 3
  // and 4 to n3 fell in the partition; the gossip of 5 to n2 came twice.
  CHECK(count_of(diagram, "<g class=\"msg\">") == 18);
  CHECK(count_of(diagram, "<g class=\"msg duplicate\">") == 1);
  CHECK(count_of(diagram, "<g class=\"msg drop\">") == 2);
  CHECK(count_of(diagram, "<path class=\"drop-mark\"") == 2);
  // One lane per endpoint, nodes before clients.
  CHECK(count_of(diagram, "<g class=\"lane\">") == 4);
  CHECK(diagram.find(">n3</text>") < diagram.find(">c1</text>"));
  // Labels are message types; the hover text names the link, the times and the body.
  CHECK(diagram.find(">gossip</text>") != std::string::npos);
  CHECK(diagram.find("#10 gossip n1 → n3 · sent 0.302 s · dropped 0.302 s (partition)") != std::string::npos);
  CHECK(diagram.find("{&quot;type&quot;:&quot;gossip&quot;,&quot;element&quot;:3}") != std::string::npos);
  CHECK(diagram.find("partition: isolate n3") != std::string::npos);
  CHECK(diagram.find("Drawn: 20 of 20 messages") != std::string::npos);
  CHECK(diagram.find("around the first evidence op") != std::string::npos);
  CHECK(html.find("href=\"trace.jsonl\"") != std::string::npos);
}

TEST_CASE("without a trace the report has no message section", "[report][trace]") {
  test::TempDir tmp;
  test::make_lost_run(tmp.path());
  const std::string html = report_of(tmp.path());
  CHECK(html.find("plot messages") == std::string::npos);
  CHECK(html.find("#messages") == std::string::npos);
}

TEST_CASE("the message diagram draws the window asked for", "[report][trace]") {
  test::TempDir tmp;
  test::make_lost_run(tmp.path());
  test::write_file(tmp.path() / "trace.jsonl", test::lost_run_trace());
  harness::ReportOptions options;
  options.messages_from_ns = 390'000'000;  // the add of 4: add, gossip x2 (one dropped), add_ok
  options.messages_to_ns = 420'000'000;
  const std::string html = report_of(tmp.path(), options);
  const std::string diagram = html.substr(html.find("<svg class=\"plot messages\""));
  CHECK(count_of(diagram, "<g class=\"msg\">") == 3);
  CHECK(count_of(diagram, "<g class=\"msg drop\">") == 1);
  CHECK(diagram.find("Drawn: 4 of 20 messages, sent 0.400 s .. 0.415 s (the window asked for)") !=
        std::string::npos);
  CHECK(harness::report_command(tmp.path().string(), "3s..1s") == 254);
  CHECK(harness::report_command(tmp.path().string(), "soon") == 254);
}

TEST_CASE("a torn trace line is skipped and counted, the rest still drawn", "[report][trace]") {
  test::TempDir tmp;
  test::make_lost_run(tmp.path());
  test::write_file(tmp.path() / "trace.jsonl", test::lost_run_trace() + "{\"t\":99,\"event\":\"se");
  const std::string html = report_of(tmp.path());
  CHECK(html.find("Drawn: 20 of 20 messages") != std::string::npos);
  CHECK(html.find("1 trace lines could not be read and were skipped") != std::string::npos);
}

}  // namespace message_diagram_test
