#include "checkers/stats.hpp"

#include <catch2/catch.hpp>

#include "history_builder.hpp"

using namespace faultline::checkers;
using faultline::checkers::test::HistoryBuilder;

TEST_CASE("stats counts completions per f and is valid when every f succeeded") {
  HistoryBuilder h;
  h.call(0, "read", nullptr, 1);
  h.invoke(1, "write", 2);
  h.info(1, "write", 2);
  h.call(1, "write", 3, 3);
  h.nemesis("start-partition");
  auto r = StatsChecker().check(h.ops);
  CHECK(r.verdict == Verdict::Valid);
  CHECK(r.details.at("count") == 3);
  CHECK(r.details.at("ok-count") == 2);
  CHECK(r.details.at("info-count") == 1);
  auto& w = r.details.at("by-f").at("write").as_object();
  CHECK(w.at("count") == 2);
  CHECK(w.at("info-count") == 1);
  CHECK_FALSE(r.details.at("by-f").as_object().contains("start-partition"));
}

TEST_CASE("stats is invalid when some f never got an ok") {
  HistoryBuilder h;
  h.call(0, "read", nullptr, 1);
  h.invoke(1, "cas", 2);
  h.fail(1, "cas", 2);
  h.invoke(2, "write", 5);  // never completes: also never ok
  auto r = StatsChecker().check(h.ops);
  CHECK(r.verdict == Verdict::Invalid);
  CHECK(r.details.at("never-ok") == boost::json::parse(R"(["cas","write"])"));
  CHECK(r.details.at("by-f").at("cas").at("fail-count") == 1);
}

TEST_CASE("stats of an empty or nemesis-only history is unknown") {
  auto r = StatsChecker().check({});
  CHECK(r.verdict == Verdict::Unknown);
  CHECK(r.details.contains("reason"));
  HistoryBuilder h;
  h.nemesis("kill");
  CHECK(StatsChecker().check(h.ops).verdict == Verdict::Unknown);
}
