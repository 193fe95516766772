#include "checkers/bank.hpp"

#include <catch2/catch.hpp>

#include "history_builder.hpp"

using namespace faultline::checkers;
using faultline::checkers::test::HistoryBuilder;
namespace json = boost::json;

namespace bank_test {

void read(HistoryBuilder& h, const char* balances) { h.call(0, "read", nullptr, json::parse(balances)); }

CheckResult check(const HistoryBuilder& h, const char* options = "{}") {
  return BankChecker(parse_bank_options(json::parse(options).as_object())).check(h.ops);
}

TEST_CASE("bank: reads that all see the total are valid") {
  HistoryBuilder h;
  h.call(1, "transfer", json::parse(R"({"from":0,"to":1,"amount":5})"),
         json::parse(R"({"from":0,"to":1,"amount":5})"));
  read(h, R"({"0": 10, "1": 10})");
  read(h, R"({"0": 5, "1": 15})");
  const auto r = check(h, R"({"total": 20})");
  CHECK(r.verdict == Verdict::Valid);
  CHECK(r.details.at("transfer-ok-count") == 1);
  CHECK(r.details.at("total-source") == "option");
}

TEST_CASE("bank: a read with another total is wrong-total, and the total may be inferred") {
  HistoryBuilder h;
  read(h, R"({"0": 10, "1": 10})");
  read(h, R"({"0": 10, "1": 7})");
  read(h, R"({"0": 12, "1": 8})");
  const auto r = check(h);
  INFO(json::serialize(r.details));
  CHECK(r.verdict == Verdict::Invalid);
  CHECK(r.details.at("total") == 20);
  CHECK(std::string(r.details.at("total-source").as_string()).find("2 of 3 reads") != std::string::npos);
  const auto& e = r.details.at("errors").at("wrong-total").as_array().at(0).as_object();
  CHECK(e.at("total") == 17);
  CHECK(e.at("op").at("index") == 3);
}

TEST_CASE("bank: negative balances are flagged unless allowed") {
  HistoryBuilder h;
  read(h, R"({"0": -2, "1": 22})");
  CHECK(check(h, R"({"total": 20})").verdict == Verdict::Invalid);
  CHECK(check(h, R"({"total": 20, "negative_balances": true})").verdict == Verdict::Valid);
}

TEST_CASE("bank: nil balances and accounts outside the expected ones") {
  HistoryBuilder h;
  read(h, R"({"0": null, "1": 20})");
  read(h, R"({"0": 10, "1": 5, "7": 5})");
  const auto r = check(h, R"({"total": 20, "accounts": 2})");
  INFO(json::serialize(r.details));
  CHECK(r.details.at("errors").as_object().contains("nil-balance"));
  CHECK(r.details.at("errors").at("unexpected-key").at(0).at("unexpected").as_object().contains("7"));
}

TEST_CASE("bank: no reads is unknown, and a read that is not a map is an error") {
  HistoryBuilder h;
  h.call(1, "transfer", json::parse(R"({"from":0,"to":1,"amount":5})"), nullptr);
  CHECK(check(h).verdict == Verdict::Unknown);
  read(h, "[1, 2]");
  REQUIRE_THROWS_WITH(check(h), Catch::Contains("op 3: a bank read must return"));
  REQUIRE_THROWS_WITH(check(HistoryBuilder{}, R"({"totl": 3})"), Catch::Contains("unknown option 'totl'"));
}

}  // namespace bank_test
