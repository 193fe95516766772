// Budgets: a search that cannot finish in time or memory says Unknown with
// its reason, and never crashes.
#include <catch2/catch.hpp>

#include "checkers/linearizability/check_file.hpp"
#include "history_builder.hpp"

namespace lin = faultline::checkers::lin;
using faultline::checkers::Verdict;
using faultline::testing::HistoryBuilder;

namespace {

// Crashed writes of 0..n and crashed cas [v-1, v] for v = 1..n, then reads
// of 0, 1, ..., n and a second read of 0, which no write can explain any
// more. Before each read of v >= 1 either the write or the cas of v may take
// effect (each needed right there, so linearizing crashed ops just in time
// does not help), and proving the last read impossible takes every choice as
// a separate configuration: 2^n of them.
HistoryBuilder exponential(int n) {
  HistoryBuilder b;
  for (int v = 0; v <= n; ++v) b.invoke(v, "write", std::to_string(v));
  for (int v = 1; v <= n; ++v) b.invoke(1000 + v, "cas", "[" + std::to_string(v - 1) + ", " + std::to_string(v) + "]");
  for (int v = 0; v <= n; ++v) b.info(v, "write", std::to_string(v));
  for (int v = 1; v <= n; ++v) b.info(1000 + v, "cas", "[" + std::to_string(v - 1) + ", " + std::to_string(v) + "]");
  for (int v = 0; v <= n; ++v) b.op(100, "read", "null", std::to_string(v));
  b.op(100, "read", "null", "0");
  return b;
}

}  // namespace

TEST_CASE("the exponential history is decided when small") {
  lin::LinOptions o;
  auto r = lin::check_history(exponential(8), o);
  CHECK(r.verdict == Verdict::Invalid);
  CHECK(r.details.at("configs").to_number<std::int64_t>() > 100);  // it really had to search
}

TEST_CASE("time budget exhaustion gives Unknown with the reason") {
  lin::LinOptions o;
  // Long enough that the search starts even in a slow (sanitizer) build, far
  // too short for 2^40 orders.
  o.time_budget_s = 0.3;
  auto r = lin::check_history(exponential(40), o);
  INFO(boost::json::serialize(r.details));
  REQUIRE(r.verdict == Verdict::Unknown);
  CHECK_THAT(std::string(r.details.at("reason").as_string()), Catch::Contains("time budget"));
  CHECK(r.details.at("steps").to_number<std::int64_t>() > 0);
}

TEST_CASE("memory budget exhaustion gives Unknown with the reason") {
  lin::LinOptions o;
  o.memory_budget_mb = 2;
  auto r = lin::check_history(exponential(40), o);
  INFO(boost::json::serialize(r.details));
  REQUIRE(r.verdict == Verdict::Unknown);
  CHECK_THAT(std::string(r.details.at("reason").as_string()), Catch::Contains("memory budget"));
  const auto& u = r.details.at("unknown").as_array().at(0).as_object();
  CHECK(u.at("crashed").to_number<std::int64_t>() == 81);
}

TEST_CASE("the memory budget holds at the peak and is used, not overshot by a doubling") {
  // A vector that doubles holds the old and the new buffer at once: the memo
  // must stop before such a step would pass the budget, not after.
  lin::LinOptions o;
  o.memory_budget_mb = 16;
  o.threads = 1;
  auto r = lin::check_history(exponential(40), o);
  INFO(boost::json::serialize(r.details));
  REQUIRE(r.verdict == Verdict::Unknown);
  CHECK_THAT(std::string(r.details.at("reason").as_string()), Catch::Contains("memory budget of 16 MB"));
  const auto held = r.details.at("memo_bytes").to_number<std::int64_t>();
  CHECK(held <= 16 * 1024 * 1024);
  CHECK(held >= 12 * 1024 * 1024);
}

TEST_CASE("the memory budget holds with big states: strings grown by appends") {
  // 24 appends that overlap, a crashed put of "q" and a get of "qX" that no
  // order explains: the put keeps the growth check from pruning, so the
  // search walks the orders of the appends, each a new string state. Those
  // strings, not the memo, are most of what it holds.
  HistoryBuilder b;
  for (int i = 0; i < 24; ++i) b.invoke(i, "append", R"(["k", "token-)" + std::to_string(100 + i) + R"(-"])");
  b.invoke(99, "put", R"(["k", "q"])");
  for (int i = 0; i < 24; ++i) b.ok(i, "append", R"(["k", "token-)" + std::to_string(100 + i) + R"(-"])");
  b.op(98, "get", R"(["k", null])", R"(["k", "qX"])");
  lin::LinOptions o;
  o.model = "string-kv";
  o.memory_budget_mb = 16;
  o.threads = 1;
  auto r = lin::check_history(b, o);
  INFO(boost::json::serialize(r.details));
  REQUIRE(r.verdict == Verdict::Unknown);
  CHECK_THAT(std::string(r.details.at("reason").as_string()), Catch::Contains("memory budget of 16 MB"));
  const auto held = r.details.at("memo_bytes").to_number<std::int64_t>();
  CHECK(held <= 16 * 1024 * 1024);
  CHECK(held >= 12 * 1024 * 1024);
}

TEST_CASE("the time budget also stops a history of many small keys") {
  HistoryBuilder b;
  for (int k = 0; k < 3000; ++k) {
    std::string kv = "[" + std::to_string(k) + ", 1]";
    b.op(k % 7, "write", kv, kv).op(k % 5 + 10, "read", "[" + std::to_string(k) + ", null]", kv);
  }
  lin::LinOptions o;
  o.model = "kv";
  o.time_budget_s = 1e-6;
  o.threads = 1;
  auto r = lin::check_history(b, o);
  REQUIRE(r.verdict == Verdict::Unknown);
  CHECK_THAT(std::string(r.details.at("reason").as_string()), Catch::Contains("time budget"));
  CHECK(r.details.at("valid_partitions").to_number<int>() < 3000);
  // Every undecided key is counted, but only the first few are listed.
  CHECK(r.details.at("unknown_partitions").to_number<int>() +
            r.details.at("valid_partitions").to_number<int>() ==
        3000);
  CHECK(r.details.at("unknown").as_array().size() == 20);
}
