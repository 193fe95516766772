#include <catch2/catch.hpp>

#include "harness/report/report.hpp"
#include "html_check.hpp"
#include "run_fixture.hpp"
#include "sample_runs.hpp"

using namespace faultline;
using test::count_of;

namespace report_test {

std::string report_of(const std::filesystem::path& dir) {
  harness::write_report(dir);
  const std::string html = test::read_file(dir / "report.html");
  const auto check = test::check_markup(html, true);
  INFO(check.problem);
  REQUIRE(check.ok);
  REQUIRE(check.elements > 50);
  return html;
}

TEST_CASE("report of a valid run shows the verdict, the replay command, plots and links") {
  test::TempDir tmp;
  test::make_valid_run(tmp.path());
  const std::string html = report_of(tmp.path());
  CHECK(html.find("<header id=\"verdict\" class=\"banner valid\"><div class=\"word\">VALID</div>") !=
        std::string::npos);
  CHECK(html.find("faultline run scenarios/g-set.yaml --seed 42") != std::string::npos);
  CHECK(html.find("g-set-partition") != std::string::npos);
  // latency, throughput and timeline plots, each with the partition shaded and labelled
  CHECK(count_of(html, "<svg class=\"plot") == 3);
  CHECK(count_of(html, "<g class=\"fault\">") == 3);
  CHECK(html.find("partition: isolate n3") != std::string::npos);
  CHECK(count_of(html, "<circle") == 7);  // one dot per client op
  CHECK(html.find("href=\"node-logs/n1.log\"") != std::string::npos);
  CHECK(html.find("href=\"history.jsonl\"") != std::string::npos);
  CHECK(html.find("class=\"anomaly\"") == std::string::npos);
  // network stats and the protocol error, escaped
  CHECK(html.find("<th>dropped</th>") != std::string::npos);
  CHECK(html.find("hello &lt;world&gt;") != std::string::npos);
  // Offline: nothing is fetched.
  CHECK(html.find("http://") == html.find("http://www.w3.org/2000/svg"));
  CHECK(html.find("https://") == std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
}

TEST_CASE("report of a run with a lost element shows the ack and the final reads that missed it") {
  test::TempDir tmp;
  test::make_lost_run(tmp.path());
  const std::string html = report_of(tmp.path());
  CHECK(html.find("class=\"banner invalid\"><div class=\"word\">INVALID</div><div class=\"why\">set-full: 1 "
                  "acknowledged element lost</div>") != std::string::npos);
  CHECK(html.find("<h4>Lost (1)</h4>") != std::string::npos);
  // Element 3: invoked as op #5, acked as op #6, missing from final reads #13 and #15.
  CHECK(
      html.find("<b>Lost</b> 3: added by op #5, acknowledged at 0.329 s; missing from 2 of 2 final reads") !=
      std::string::npos);
  CHECK(html.find("<td class=\"label\">add</td><td>#5</td>") != std::string::npos);
  CHECK(html.find("<td class=\"label\">ack</td><td>#6</td>") != std::string::npos);
  CHECK(html.find("<td class=\"label\">final read missing it</td><td>#13</td>") != std::string::npos);
  CHECK(html.find("<td class=\"label\">final read missing it</td><td>#15</td>") != std::string::npos);
  // The evidence is outlined on the timeline (add pair and two final-read pairs).
  CHECK(count_of(html, "stroke=\"#000\" stroke-width=\"2\"") == 3);
  // Empty never-read list is not an anomaly; the quantile map falls back to a table.
  CHECK(html.find("<th>Never read</th><td>none</td>") != std::string::npos);
  CHECK(html.find("<h4>Never read") == std::string::npos);
  CHECK(html.find("<th>stable-latencies</th>") != std::string::npos);
  CHECK(html.find("<th>lost count</th><td>1</td>") != std::string::npos);
  // Every count says what it counts.
  CHECK(html.find("<th>lost count</th><td>1</td><td class=\"meaning\">acknowledged as added, then missing") !=
        std::string::npos);
  CHECK(html.find("<th>stale count</th><td>0</td><td class=\"meaning\">added, yet reads that began after") !=
        std::string::npos);
  CHECK(html.find("<th>attempt count</th><td>5</td><td class=\"meaning\">values clients tried to add</td>") !=
        std::string::npos);
}

TEST_CASE("a long final read is shown whole, so the missing value can be looked for") {
  test::TempDir tmp;
  test::HistoryBuilder h;
  h.op("0", "invoke", "add", "150", 100);
  h.op("0", "ok", "add", "150", 120, R"(,"node":"n1")");
  std::string seen = "[";
  for (int e = 0; e < 200; ++e)
    if (e != 150) seen += (seen.size() > 1 ? "," : "") + std::to_string(e);
  seen += "]";
  h.op("1", "invoke", "read", "null", 900, R"(,"final":true)");
  h.op("1", "ok", "read", seen, 930, R"(,"node":"n2","final":true)");
  test::write_file(tmp.path() / "history.jsonl", h.text());
  test::write_file(
      tmp.path() / "results.json",
      test::results_json("false", "invalid", "\"set-full: 1 acknowledged element lost\"", 1,
                         R"({"set-full":{"valid":false,"attempt-count":1,"lost-count":1,"lost":[150]}})"));
  const std::string html = report_of(tmp.path());
  // The start in the summary, the whole read when opened: its end, and the gap at 150.
  CHECK(html.find("<details><summary><code>[0,1,2,") != std::string::npos);
  CHECK(html.find(",149,151,") != std::string::npos);
  CHECK(html.find(",198,199]</code></details>") != std::string::npos);
}

TEST_CASE("the banner of a run that found the bug it was meant to find says so") {
  test::TempDir tmp;
  test::make_lost_run(tmp.path());
  auto results = boost::json::parse(test::read_file(tmp.path() / "results.json")).as_object();
  results["expect"] = "invalid";
  results["as_expected"] = true;
  test::write_file(tmp.path() / "results.json", boost::json::serialize(results));
  const std::string html = report_of(tmp.path());
  CHECK(html.find("class=\"banner invalid\"><div class=\"word\">INVALID (as expected)</div>") !=
        std::string::npos);
}

TEST_CASE("report of an unknown run says why") {
  test::TempDir tmp;
  test::make_unknown_run(tmp.path());
  const std::string html = report_of(tmp.path());
  CHECK(html.find("class=\"banner unknown\"><div class=\"word\">UNKNOWN</div><div "
                  "class=\"why\">linearizable: search budget exhausted") != std::string::npos);
  CHECK(html.find("linearizable <span class=\"badge unknown\">unknown</span>") != std::string::npos);
  CHECK(html.find("<th>steps</th><td>100000</td>") != std::string::npos);
  CHECK(html.find("No faults were injected.") != std::string::npos);
}

TEST_CASE(
    "counter errors show the read and the acceptable ranges; a declared counterexample shows the window") {
  test::TempDir tmp;
  test::make_counter_and_register_run(tmp.path());
  const std::string html = report_of(tmp.path());
  CHECK(html.find("<h4>Errors (1)</h4>") != std::string::npos);  // no schema: the built-in checkers' fields
  CHECK(html.find("value 9 · acceptable 5..5") != std::string::npos);
  // the bad read (op #7) with its invoke (#6)
  CHECK(html.find("<td>#6</td><td>0.500 s</td><td>1</td><td class=\"type\">invoke</td><td>read</td>") !=
        std::string::npos);
  CHECK(html.find("<td>#7</td><td>0.510 s</td><td>1</td><td class=\"type\">ok</td><td>read</td>") !=
        std::string::npos);
  CHECK(html.find("message: read 3 after write 7 completed") != std::string::npos);
  CHECK(html.find("<title>Counterexample window</title>") != std::string::npos);
  CHECK(count_of(html, "<svg class=\"plot") == 4);
  // unknown keys of a custom checker fall back to a readable table
  CHECK(html.find("<h4>Other details</h4>") != std::string::npos);
  CHECK(html.find("<th>histogram</th><td><table class=\"json\"><tr><th>fast</th><td>3</td>") !=
        std::string::npos);
}

TEST_CASE("many errors of one kind are one compact table, not a card each") {
  test::TempDir tmp;
  test::HistoryBuilder h;
  for (int i = 0; i < 4; ++i) {
    h.op("0", "invoke", "read", "null", 100 * i + 10);
    h.op("0", "ok", "read", std::to_string(20 + i), 100 * i + 20, R"(,"final":true)");
  }
  test::write_file(tmp.path() / "history.jsonl", h.text());
  std::string errors = "[";
  for (int i = 0; i < 4; ++i)
    errors += (i ? "," : "") + std::string(R"({"read":)") + std::to_string(2 * i + 1) + R"(,"value":)" +
              std::to_string(20 + i) + R"(,"acceptable":[[5,5]]})";
  errors += "]";
  test::write_file(
      tmp.path() / "results.json",
      test::results_json("false", "invalid", "null", 1,
                         R"({"counter":{"valid":false,"errors-count":4,"errors":)" + errors + "}}"));
  const std::string html = report_of(tmp.path());
  CHECK(count_of(html, "<div class=\"anomaly\">") == 0);
  CHECK(count_of(html, "<table class=\"errors\">") == 1);
  CHECK(html.find("<tr><td>3</td><td>read 5 · value 22 · acceptable 5..5</td><td>#4, #5</td></tr>") !=
        std::string::npos);
  // One op table for all of them, each op labelled with its error.
  CHECK(html.find("<td class=\"label\">error 4</td><td>#7</td>") != std::string::npos);
}

TEST_CASE("a partial run without results.json and with a torn last line still gets a report") {
  test::TempDir tmp;
  std::string hist = test::set_history(true);
  hist += R"({"index":16,"time":99,"proc)";
  test::write_file(tmp.path() / "history.jsonl", hist);
  const std::string html = report_of(tmp.path());
  CHECK(html.find("class=\"banner unknown\"") != std::string::npos);
  CHECK(html.find("results.json is missing") != std::string::npos);
  CHECK(html.find("incomplete last line") != std::string::npos);
  // fault windows rebuilt from the nemesis ops
  CHECK(html.find("partition: isolate n3") != std::string::npos);
}

TEST_CASE("bad history lines in the middle are skipped and counted") {
  test::TempDir tmp;
  test::make_lost_run(tmp.path());
  std::string hist = test::set_history(true);
  hist.insert(hist.find('\n') + 1, "not json at all\n{\"index\":1,\"type\":\"bogus\"}\n");
  test::write_file(tmp.path() / "history.jsonl", hist);
  const std::string html = report_of(tmp.path());
  CHECK(html.find("2 history lines could not be read and were skipped") != std::string::npos);
  CHECK(html.find("history.jsonl:2:") != std::string::npos);
  CHECK(html.find("<td class=\"label\">ack</td>") != std::string::npos);
}

TEST_CASE("report_command rejects what is not a run dir") {
  test::TempDir tmp;
  CHECK(harness::report_command((tmp.path() / "nope").string()) == 254);
  CHECK(harness::report_command(tmp.path().string()) == 254);
  CHECK_THROWS_AS(harness::write_report(tmp.path() / "nope"), std::runtime_error);
  test::make_valid_run(tmp.path());
  CHECK(harness::report_command(tmp.path().string()) == 0);
  CHECK(std::filesystem::exists(tmp.path() / "report.html"));
  CHECK_FALSE(std::filesystem::exists(tmp.path() / "report.html.tmp"));
}

TEST_CASE("ops the checker names itself are shown with their keys, and capped lists give the true total") {
  test::TempDir tmp;
  test::write_file(tmp.path() / "history.jsonl", test::set_history(true));
  // As the set-full checker writes it: each lost element with its ops; 40 lost, 1 listed.
  test::write_file(
      tmp.path() / "results.json",
      test::results_json(
          "false", "invalid", "null", 1,
          R"({"set-full":{"valid":false,"lost-count":40,"lost":[{"element":3,)"
          R"("add":{"index":5,"process":1,"type":"invoke","f":"add","value":3},)"
          R"("add-ok":{"index":6,"process":1,"type":"ok","f":"add","value":3},)"
          R"("known":{"index":6,"process":1,"type":"ok","f":"add","value":3},)"
          R"("final-reads-missing":[{"index":15,"type":"ok","f":"read","value-size":4},)"
          R"({"index":13,"type":"ok","f":"read","value-size":4}],"final-reads-missing-count":2}]}})"));
  const std::string html = report_of(tmp.path());
  CHECK(html.find("<h4>Lost (40; the first 1 listed)</h4>") != std::string::npos);
  CHECK(html.find("<b>Lost</b> 3 <span class=\"fields\">(final reads missing count 2)</span>.") !=
        std::string::npos);
  // one row per op, in history order, labelled by the keys that name it
  const auto add = html.find("<td class=\"label\">add</td><td>#5</td>");
  const auto ack = html.find("<td class=\"label\">add ok, known</td><td>#6</td>");
  const auto r13 = html.find("<td class=\"label\">final reads missing</td><td>#13</td>");
  const auto r15 = html.find("<td class=\"label\">final reads missing</td><td>#15</td>");
  CHECK(add != std::string::npos);
  CHECK(ack != std::string::npos);
  CHECK(r13 != std::string::npos);
  CHECK(r15 != std::string::npos);
  CHECK((add < ack && ack < r13 && r13 < r15));
  CHECK(test::count_of(html, "<td>#6</td>") == 1);
}

TEST_CASE("many lost elements are one table, a row each, the whole list under a fold", "[report][elements]") {
  test::TempDir tmp;
  test::HistoryBuilder h;
  for (int e = 1; e <= 14; ++e) {
    h.op("0", "invoke", "add", std::to_string(e), e * 100, R"(,"node":"n1")");
    h.op("0", "ok", "add", std::to_string(e), e * 100 + 10, R"(,"node":"n1")");
  }
  h.op("0", "invoke", "read", "null", 1500, R"(,"node":"n1")");
  h.op("0", "ok", "read", "[1,2,3]", 1510, R"(,"node":"n1")");
  h.op("0", "invoke", "read", "null", 2000, R"(,"final":true)");
  h.op("0", "ok", "read", "[1,2]", 2010, R"(,"node":"n2","final":true)");
  h.op("1", "invoke", "read", "null", 2000, R"(,"final":true)");
  h.op("1", "ok", "read", "[1,2]", 2020, R"(,"node":"n3","final":true)");
  test::write_file(tmp.path() / "history.jsonl", h.text());
  std::string lost = "[";
  for (int e = 3; e <= 14; ++e) lost += (e > 3 ? "," : "") + std::to_string(e);
  lost += "]";
  test::write_file(tmp.path() / "results.json",
                   test::results_json("false", "invalid", "null", 1,
                                      R"({"set-full":{"valid":false,"lost-count":12,"lost":)" + lost + "}}"));
  const std::string html = report_of(tmp.path());
  CHECK(count_of(html, "<div class=\"anomaly\">") == 0);
  // The first ten rows open, all twelve under the fold.
  CHECK(count_of(html, "<table class=\"elements\">") == 2);
  CHECK(html.find("<details class=\"elements-rest\"><summary>all 12 Lost elements</summary>") !=
        std::string::npos);
  CHECK(html.find(
            "<tr><th>element</th><th>added</th><th>acknowledged</th><th>last read showing it</th><th>final "
            "reads missing it</th></tr>") != std::string::npos);
  // Element 3: added as op #4 via n1, acked as #5, last seen by read #29, missed by both final reads.
  CHECK(html.find("<tr><td>3</td><td>#4 at 0.300 s via n1</td><td>#5 at 0.310 s</td><td>#29 at 1.510 s on "
                  "n1</td><td>2 of 2 (n2, n3)</td></tr>") != std::string::npos);
  CHECK(html.find(
            "<tr><td>14</td><td>#26 at 1.400 s via n1</td><td>#27 at 1.410 s</td><td>never</td><td>2 of 2 "
            "(n2, n3)</td></tr>") != std::string::npos);
  const auto fold = html.find("<details class=\"elements-rest\">");
  CHECK(html.find("<tr><td>13</td>") > fold);
  CHECK(html.find("<tr><td>12</td>") < fold);
  // The ops behind the open rows, each labelled with its element.
  CHECK(html.find("<td class=\"label\">add 3</td><td>#4</td>") != std::string::npos);
  CHECK(html.find("<td class=\"label\">ack 3</td><td>#5</td>") != std::string::npos);
  CHECK(
      html.find("<td class=\"label\">final read missing 3, 4, 5, 6, 7, 8, 9, 10, 11, 12</td><td>#31</td>") !=
      std::string::npos);
}

}  // namespace report_test
