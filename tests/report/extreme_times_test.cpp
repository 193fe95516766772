// A crafted history with times near INT64_MAX (or negative) must not overflow
// the plots' arithmetic: such ops are dropped as bad lines and said so.
#include <catch2/catch.hpp>

#include "harness/report/report.hpp"
#include "run_fixture.hpp"
#include "sample_runs.hpp"

using namespace faultline;

TEST_CASE("ops with impossible times are dropped from the report, with a note") {
  test::TempDir tmp;
  test::make_valid_run(tmp.path());
  std::string history = test::read_file(tmp.path() / "history.jsonl");
  history +=
      R"({"index":100,"time":9223372036854775000,"process":0,"type":"invoke","f":"read","value":null})"
      "\n"
      R"({"index":101,"time":9223372036854775807,"process":0,"type":"ok","f":"read","value":[1]})"
      "\n"
      R"({"index":102,"time":-9223372036854775807,"process":1,"type":"invoke","f":"read","value":null})"
      "\n";
  test::write_file(tmp.path() / "history.jsonl", history);
  harness::write_report(tmp.path());
  const std::string html = test::read_file(tmp.path() / "report.html");
  CHECK(html.find("op 101 has time 9223372036854775807 ns, outside 0 .. 30 days") != std::string::npos);
  CHECK(html.find("nan") == std::string::npos);
  CHECK(html.find("inf\"") == std::string::npos);
  // The plots' time axis still spans the real run (well under an hour).
  CHECK(html.find("time since start (s)") != std::string::npos);
}
