#include "harness/runtime/evidence_lines.hpp"

#include <catch2/catch.hpp>

using faultline::harness::evidence_lines;
namespace json = boost::json;

TEST_CASE("evidence lines: one per anomaly type, a cycle with its ops, else the reason") {
  const auto details = json::parse(R"({
    "anomalies": {
      "G-single": [{"cycle": [{"name": "T1", "index": 12}, {"name": "T2", "index": 9}],
                    "steps": [], "summary": "T1 -rw-> T2 -wr-> T1"}],
      "G1a": [{"because": "op 4 read key 1 = [2], but the transaction that appended 2 failed"}]},
    "anomaly-counts": {"G-single": 3, "G1a": 1},
    "errors": {"lost-write": [{"key": "7", "offset": 3}]}})");
  const auto lines = evidence_lines(details.as_object());
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "G-single x3: T1 -rw-> T2 -wr-> T1 (T1 = op 12, T2 = op 9)");
  CHECK(lines[1] == "G1a x1: op 4 read key 1 = [2], but the transaction that appended 2 failed");
  CHECK(lines[2] == R"(lost-write: {"key":"7","offset":3})");
  CHECK(evidence_lines(json::object{{"lost", json::array{1, 2}}}).empty());
}
