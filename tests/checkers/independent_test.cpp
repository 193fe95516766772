#include "checkers/independent.hpp"

#include <catch2/catch.hpp>

#include "checkers/counter.hpp"
#include "history_builder.hpp"

using namespace faultline::checkers;
using faultline::checkers::test::HistoryBuilder;
namespace json = boost::json;

TEST_CASE("independent: each key is checked alone, and a bad key makes the whole invalid") {
  HistoryBuilder h;
  h.call(0, "add", json::array{"a", 2}, json::array{"a", 2});
  h.call(1, "add", json::array{"b", 3}, json::array{"b", 3});
  h.call(0, "read", json::array{"a", nullptr}, json::array{"a", 2}, true);
  h.call(1, "read", json::array{"b", nullptr}, json::array{"b", 7}, true);  // b never reached 7
  const auto r = check_independent(CounterChecker(), h.ops);
  INFO(json::serialize(r.details));
  CHECK(r.verdict == Verdict::Invalid);
  CHECK(r.details.at("key-count") == 2);
  CHECK(r.details.at("failures").as_array() == json::array{"b"});
  CHECK(r.details.at("results").as_object().contains("\"b\""));
  CHECK(r.details.at("results").at("\"b\"").at("valid") == false);
}

TEST_CASE("independent: a value that is not a [key value] tuple is an error naming the op") {
  HistoryBuilder h;
  h.call(0, "add", 2, 2);
  REQUIRE_THROWS_WITH(check_independent(CounterChecker(), h.ops), Catch::Contains("op 0"));
}
