#include "checkers/unique_ids.hpp"

#include <catch2/catch.hpp>

#include "history_builder.hpp"

using namespace faultline::checkers;
using faultline::checkers::test::HistoryBuilder;
namespace json = boost::json;

TEST_CASE("unique-ids: distinct ids are valid and report their range") {
  HistoryBuilder h;
  for (int i = 0; i < 5; ++i) h.call(i % 2, "generate", nullptr, 10 - i * 3);
  h.invoke(3, "generate");
  h.info(3, "generate");
  auto r = UniqueIdsChecker().check(h.ops);
  CHECK(r.verdict == Verdict::Valid);
  CHECK(r.details.at("attempted-count") == 6);
  CHECK(r.details.at("acknowledged-count") == 5);
  CHECK(r.details.at("duplicated-count") == 0);
  CHECK(r.details.at("range") == json::parse("[-2, 10]"));
}

TEST_CASE("unique-ids: a repeated id is invalid and names the ops that returned it") {
  HistoryBuilder h;
  h.call(0, "generate", nullptr, "n1-1");
  h.call(1, "generate", nullptr, "n2-1");
  h.call(2, "generate", nullptr, "n1-1");
  h.call(0, "generate", nullptr, "n1-1");
  h.call(1, "generate", nullptr, "n2-1");
  h.call(2, "generate", nullptr, "n3-1");
  auto r = UniqueIdsChecker().check(h.ops);
  CHECK(r.verdict == Verdict::Invalid);
  CHECK(r.details.at("duplicated-count") == 2);
  auto& dups = r.details.at("duplicated").as_array();
  REQUIRE(dups.size() == 2);
  CHECK(dups[0].at("id") == "n1-1");  // most repeated first
  CHECK(dups[0].at("count") == 3);
  auto& ops = dups[0].at("ops").as_array();
  REQUIRE(ops.size() == 3);
  CHECK(ops[0].at("index") == 1);
  CHECK(ops[1].at("process") == 2);
  CHECK(r.details.at("range") == json::parse(R"(["n1-1","n3-1"])"));
}

TEST_CASE("unique-ids: mixed id kinds are incomparable, not a crash") {
  HistoryBuilder h;
  h.call(0, "generate", nullptr, 1);
  h.call(0, "generate", nullptr, "1");
  h.call(0, "generate", nullptr, json::parse("[1,2]"));
  auto r = UniqueIdsChecker().check(h.ops);
  CHECK(r.verdict == Verdict::Valid);  // 1 and "1" are different ids
  CHECK(r.details.at("range") == "incomparable");
}

TEST_CASE("unique-ids: duplicate list is capped at 48") {
  HistoryBuilder h;
  for (int i = 0; i < 100; ++i) {
    h.call(0, "generate", nullptr, i);
    h.call(1, "generate", nullptr, i);
  }
  auto r = UniqueIdsChecker().check(h.ops);
  CHECK(r.details.at("duplicated-count") == 100);
  CHECK(r.details.at("duplicated").as_array().size() == 48);
}

TEST_CASE("unique-ids: nothing acknowledged is unknown") {
  CHECK(UniqueIdsChecker().check({}).verdict == Verdict::Unknown);
  HistoryBuilder h;
  h.invoke(0, "generate");
  h.info(0, "generate");
  auto r = UniqueIdsChecker().check(h.ops);
  CHECK(r.verdict == Verdict::Unknown);
  CHECK(r.details.at("reason") == "no generate operation was acknowledged");
}
