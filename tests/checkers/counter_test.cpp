#include "checkers/counter.hpp"

#include <catch2/catch.hpp>

#include "checkers/interval_set.hpp"
#include "history_builder.hpp"

using namespace faultline::checkers;
using faultline::checkers::test::HistoryBuilder;
namespace json = boost::json;

TEST_CASE("interval set: subset sums merge into intervals") {
  IntervalSet s;
  for (int d : {1, 2, 4}) s.add_optional(d);
  CHECK(s.intervals() == std::vector<IntervalSet::Interval>{{0, 7}});
  IntervalSet t;
  t.add_optional(3);
  t.add_optional(10);
  CHECK(t.intervals() == std::vector<IntervalSet::Interval>{{0, 0}, {3, 3}, {10, 10}, {13, 13}});
  CHECK(t.contains(13));
  CHECK_FALSE(t.contains(12));
  t.shift(-3);
  CHECK(t.intervals().front() == IntervalSet::Interval{-3, -3});
  IntervalSet neg;
  neg.add_optional(-5);
  neg.add_optional(4);
  CHECK(neg.intervals() == std::vector<IntervalSet::Interval>{{-5, -5}, {-1, 0}, {4, 4}});
}

TEST_CASE("interval set: thousands of indeterminate adds stay small") {
  IntervalSet s;
  for (int i = 0; i < 20000; ++i) s.add_optional((i % 10) - 5);  // pn-counter deltas
  REQUIRE(s.intervals().size() == 1);
  CHECK(s.intervals()[0] == IntervalSet::Interval{-5 * 2000 - 4 * 2000 - 3 * 2000 - 2 * 2000 - 1 * 2000,
                                                  1 * 2000 + 2 * 2000 + 3 * 2000 + 4 * 2000});
  CHECK_FALSE(s.approximate());
  IntervalSet wide;  // powers of a big base never merge: the cap kicks in
  std::int64_t d = 1;
  for (int i = 0; i < 14; ++i, d *= 3) wide.add_optional(d * 1000);
  wide.add_optional(1, 64);
  CHECK(wide.intervals().size() <= 64);
  CHECK(wide.approximate());
  CHECK(wide.contains(1000 + 1));  // over-approximation only ever grows the set
}

TEST_CASE("counter: final reads must be a sum of ok adds plus some info adds") {
  HistoryBuilder h;
  h.call(0, "add", 1, nullptr);
  h.call(1, "add", 2, nullptr);
  h.invoke(2, "add", 5);
  h.info(2, "add", 5);
  h.invoke(3, "add", 100);
  h.fail(3, "add", 100);  // failed: never counted
  h.call(0, "read", nullptr, 3, true);
  h.call(1, "read", nullptr, 8, true);
  auto r = CounterChecker().check(h.ops);
  CHECK(r.verdict == Verdict::Valid);
  CHECK(r.details.at("checked") == "final-reads");
  CHECK(r.details.at("acceptable") == json::parse("[[3,3],[8,8]]"));

  h.call(4, "read", nullptr, 4, true);
  h.call(5, "read", nullptr, 103, true);
  auto bad = CounterChecker().check(h.ops);
  CHECK(bad.verdict == Verdict::Invalid);
  REQUIRE(bad.details.at("errors-count") == 2);
  auto& e = bad.details.at("errors").at(0).as_object();
  CHECK(e.at("value") == 4);
  CHECK(e.at("read").at("process") == 4);
  CHECK(e.at("acceptable") == json::parse("[[3,3],[8,8]]"));
  CHECK(e.at("adds").at("ok-count") == 2);
  CHECK(e.at("adds").at("ok-sum") == 3);
  CHECK(e.at("adds").at("info-count") == 1);
  CHECK(e.at("adds").at("first-info-adds").at(0).at("value") == 5);
}

TEST_CASE("counter: without final reads each read is bounded by surely-done and maybe-done adds") {
  HistoryBuilder h;
  h.call(0, "add", 3, nullptr);   // surely done before later reads
  h.invoke(1, "add", 4);          // concurrent with the next read
  h.call(2, "read", nullptr, 7);  // 3 or 7 are fine
  h.call(2, "read", nullptr, 3);
  h.ok(1, "add", nullptr);
  h.call(2, "read", nullptr, 2);  // below the 7 surely done: bad
  auto r = CounterChecker().check(h.ops);
  CHECK(r.details.at("checked") == "all-reads");
  CHECK(r.verdict == Verdict::Invalid);
  REQUIRE(r.details.at("errors-count") == 1);
  auto& e = r.details.at("errors").at(0).as_object();
  CHECK(e.at("value") == 2);
  CHECK(e.at("acceptable") == json::parse("[[7,7]]"));
  CHECK(e.at("adds").at("definite-count") == 2);
  CHECK(e.at("adds").at("definite-sum") == 7);
}

TEST_CASE("counter: negative deltas widen the bounds downwards (pn-counter)") {
  HistoryBuilder h;
  h.call(0, "add", 5, nullptr);
  h.invoke(1, "add", -3);
  h.call(2, "read", nullptr, 2);  // the -3 may have landed
  h.call(2, "read", nullptr, 5);  // or not
  h.info(1, "add", -3);
  h.call(2, "read", nullptr, 1);  // neither explains 1
  auto r = CounterChecker().check(h.ops);
  CHECK(r.verdict == Verdict::Invalid);
  REQUIRE(r.details.at("errors-count") == 1);
  CHECK(r.details.at("errors").at(0).at("acceptable") == json::parse("[[2,5]]"));
}

TEST_CASE("counter: a read that is not an integer is an error") {
  HistoryBuilder h;
  h.call(0, "add", 1, nullptr);
  h.call(0, "read", nullptr, "1", true);
  auto r = CounterChecker().check(h.ops);
  CHECK(r.verdict == Verdict::Invalid);
  CHECK(r.details.at("errors").at(0).at("reason") == "not an integer");
}

TEST_CASE("counter: no successful read is unknown; a bad add value is a clear error") {
  HistoryBuilder h;
  h.call(0, "add", 1, nullptr);
  h.invoke(1, "read");
  h.info(1, "read");
  auto r = CounterChecker().check(h.ops);
  CHECK(r.verdict == Verdict::Unknown);
  CHECK(r.details.contains("reason"));
  CHECK(CounterChecker().check({}).verdict == Verdict::Unknown);

  HistoryBuilder bad;
  bad.call(0, "add", "lots", nullptr);
  CHECK_THROWS_WITH(CounterChecker().check(bad.ops), Catch::Contains("add op 0"));
  auto safe = check_safe(CounterChecker(), bad.ops);
  CHECK(safe.verdict == Verdict::Unknown);
}
