// The refuters decide local bugs without the search and with a small
// counterexample; the terminal line names the key, the op and what was possible.
#include <catch2/catch.hpp>
#include <chrono>

#include "checkers/linearizability/check_file.hpp"
#include "checkers/linearizability/synthetic.hpp"
#include "history_builder.hpp"

namespace lin = faultline::checkers::lin;
using faultline::checkers::Verdict;
using faultline::testing::HistoryBuilder;

TEST_CASE("refute: a read of a value no op writes is refuted at once, with that op alone") {
  lin::SyntheticSpec spec;
  spec.ops = 10000;
  spec.processes = 10;
  spec.crashes = 100;
  spec.corrupt = true;
  spec.corrupt_after = 0.5;
  spec.corrupt_unwritten = true;
  lin::LinOptions o;
  o.threads = 1;
  const auto started = std::chrono::steady_clock::now();
  const auto r = lin::check_history(lin::synthesize_register_history(spec), o);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(1));
  REQUIRE(r.verdict == Verdict::Invalid);
  const auto& bad = r.details.at("invalid").as_array().at(0).as_object();
  CHECK(bad.at("refuted_by") == "unreachable");
  CHECK(bad.at("ops").as_array().size() == 1);
  const std::string reason(r.details.at("reason").as_string());
  CHECK_THAT(reason, Catch::StartsWith("read -> 5 (process ") && Catch::Contains("cannot take effect") &&
                         Catch::Contains("possible values: null, ") && Catch::Contains(", 4"));
}

TEST_CASE("refute: a read of a value overwritten long before is refuted by a small window") {
  HistoryBuilder b;
  b.invoke(9, "write", "3").info(9, "write", "3");  // crashed: may take effect any time, any number of times
  for (int i = 0; i < 300; ++i) b.op(i % 4, "write", std::to_string(i % 3), std::to_string(i % 3));
  b.op(0, "write", "1", "1").op(1, "write", "2", "2").op(2, "read", "null", "1");  // 1 was overwritten by 2
  lin::LinOptions o;
  o.steps_before_windows = 0;  // windows before any search
  const auto r = lin::check_history(b, o);
  REQUIRE(r.verdict == Verdict::Invalid);
  const auto& bad = r.details.at("invalid").as_array().at(0).as_object();
  CHECK(bad.at("refuted_by") == "window");
  CHECK(bad.at("ops").as_array().size() <= 6);
  CHECK(bad.at("op").at("description") == "read -> 1");
  // The same history through the default path (search first, then the
  // window as the smaller counterexample) agrees.
  const auto d = lin::check_history(b, lin::LinOptions{});
  REQUIRE(d.verdict == Verdict::Invalid);
  CHECK(d.details.at("invalid").as_array().at(0).as_object().at("refuting_window").as_array().size() <= 6);
}

TEST_CASE("refute: a keyed counterexample line names the key; unknown says how far the search got") {
  HistoryBuilder b;
  b.op(0, "write", "[\"a\", 1]", "[\"a\", 1]").op(1, "read", "[\"a\", null]", "[\"a\", 7]");
  lin::LinOptions o;
  o.model = "kv";
  const auto r = lin::check_history(b, o);
  REQUIRE(r.verdict == Verdict::Invalid);
  CHECK_THAT(std::string(r.details.at("reason").as_string()), Catch::StartsWith("key \"a\": read -> 7"));

  lin::SyntheticSpec spec;
  spec.ops = 3000;
  spec.processes = 50;
  spec.crashes = 300;
  spec.seed = 3;
  lin::LinOptions tiny;
  tiny.time_budget_s = 0.05;
  tiny.threads = 1;
  const auto u = lin::check_history(lin::synthesize_register_history(spec), tiny);
  if (u.verdict == Verdict::Unknown)
    CHECK_THAT(std::string(u.details.at("reason").as_string()),
               Catch::Contains("time budget") && Catch::Contains("steps") &&
                   Catch::Contains("longest linearizable prefix"));
}
