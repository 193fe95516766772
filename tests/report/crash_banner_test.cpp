// A crashed run reads CRASH in the report as on the terminal and in
// results.json, with the node's log tail once, as a preformatted block.
#include <catch2/catch.hpp>

#include "harness/report/report.hpp"
#include "run_fixture.hpp"
#include "sample_runs.hpp"

using namespace faultline;

TEST_CASE("a crashed run's banner says CRASH and shows its log tail once, preformatted") {
  test::TempDir tmp;
  test::make_valid_run(tmp.path());
  const std::string error =
      "node n2 exited early with status 1\n--- last lines of node-logs/n2.log ---\nTraceback (most recent "
      "call last):\n  File \"node.py\", line 3\nNameError: name 'x' is not defined\n";
  std::string results = test::results_json("\"unknown\"", "crash", "null", 255, "{}");
  const std::string null_error = "\"error\":null";
  results.replace(results.find(null_error), null_error.size(),
                  "\"error\":" + boost::json::serialize(boost::json::value(error)));
  test::write_file(tmp.path() / "results.json", results);
  harness::write_report(tmp.path());
  const std::string html = test::read_file(tmp.path() / "report.html");
  CHECK(html.find("class=\"banner crash\"><div class=\"word\">CRASH</div>") != std::string::npos);
  CHECK(html.find("UNKNOWN") == std::string::npos);
  const auto first = html.find("NameError");
  REQUIRE(first != std::string::npos);
  CHECK(html.find("NameError", first + 1) == std::string::npos);  // once
  CHECK(html.find("<pre class=\"error\">node n2 exited early with status 1\n--- last lines") !=
        std::string::npos);
}
