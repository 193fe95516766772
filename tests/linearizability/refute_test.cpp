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

TEST_CASE("refute: a late read of a value overwritten long before (unique values) is refuted at once") {
  // Issue 13's shape: 10k ops, 50 processes, 5% crashed, unique written
  // values; the window refuter cannot build its reachable set here.
  lin::SyntheticSpec spec;
  spec.ops = 10000;
  spec.processes = 50;
  spec.crashes = 500;
  spec.unique_values = true;
  spec.corrupt = true;
  spec.corrupt_stale = true;
  spec.corrupt_after = 0.5;
  lin::LinOptions o;
  o.threads = 1;
  const auto h = lin::synthesize_register_history(spec);
  const auto started = std::chrono::steady_clock::now();
  const auto r = lin::check_history(h, o);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(1));
  REQUIRE(r.verdict == Verdict::Invalid);
  const auto& bad = r.details.at("invalid").as_array().at(0).as_object();
  CHECK(bad.at("refuted_by") == "stale-read");
  CHECK(bad.at("ops").as_array().size() == 3);  // the read, the write it saw, the write after that
  // It names the read the generator changed.
  spec.corrupt = false;
  const auto unchanged = lin::synthesize_register_history(spec);
  std::int64_t changed = -1;
  for (std::size_t i = 0; i < h.size(); ++i)
    if (h[i].value != unchanged[i].value) changed = h[i].index;
  CHECK(bad.at("op").at("complete_index") == changed);
  const std::string reason(r.details.at("reason").as_string());
  CHECK_THAT(reason, Catch::StartsWith("read -> ") && Catch::Contains("was there only once: write ") &&
                         Catch::Contains("was overwritten by ") && Catch::EndsWith("before it began"));
}

TEST_CASE("refute: stale-read histories are invalid by the exact search too; unchanged ones stay valid") {
  // The generator's guarantee (synthetic.hpp corrupt_stale), checked by a
  // second method: the search alone, without refuters or reductions, on
  // histories small enough for it to finish.
  int changed = 0;
  for (std::uint64_t seed = 1; seed <= 24; ++seed) {
    lin::SyntheticSpec spec;
    spec.ops = 300;
    spec.processes = 3 + static_cast<int>(seed % 5);
    spec.crashes = 3 + static_cast<int>(seed % 4) * 4;
    spec.unique_values = seed % 3 != 0;
    spec.values = 40;  // the others: wide-range values, several writes of each
    spec.seed = seed;
    spec.corrupt_after = 0.5;
    const auto valid = lin::synthesize_register_history(spec);
    spec.corrupt = true;
    spec.corrupt_stale = true;
    const auto stale = lin::synthesize_register_history(spec);
    REQUIRE(valid.size() == stale.size());
    bool differs = false;
    for (std::size_t i = 0; i < valid.size(); ++i) differs = differs || valid[i].value != stale[i].value;
    if (!differs) continue;  // no written value fit: nothing to check
    ++changed;
    lin::LinOptions exact;
    exact.threads = 1;
    exact.refute = false;
    exact.reduce_unobserved_from = SIZE_MAX;
    INFO("seed " << seed);
    CHECK(lin::check_history(stale, exact).verdict == Verdict::Invalid);
    CHECK(lin::check_history(valid, exact).verdict == Verdict::Valid);
    lin::LinOptions refuters;
    refuters.threads = 1;
    refuters.steps_before_windows = 0;  // every refuter before any search
    const auto r = lin::check_history(stale, refuters);
    CHECK(r.verdict == Verdict::Invalid);
    CHECK(lin::check_history(valid, refuters).verdict == Verdict::Valid);
  }
  CHECK(changed >= 16);
}

TEST_CASE("refute: on medium histories with unique values, a refutation never contradicts the exact search") {
  // Past brute force's reach: 300 ops, crashed ops, one read changed at
  // random (stale, unwritten, or a value written later). Whatever the
  // refuters decide, the search alone (no refuters, no reductions) agrees.
  // (Run once with 3,000 seeds: 3,000 agreed, 2,337 of them refuted.)
  int refuted = 0, agreed = 0;
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    lin::SyntheticSpec spec;
    spec.ops = 300;
    spec.processes = 2 + static_cast<int>(seed % 5);
    spec.crashes = static_cast<int>(seed % 4) * 5;
    spec.unique_values = seed % 4 != 0;
    spec.values = 30;
    spec.seed = seed + 500;
    spec.corrupt = seed % 5 != 0;
    spec.corrupt_after = static_cast<double>(seed % 3) / 3;
    const auto h = lin::synthesize_register_history(spec);
    lin::LinOptions refuters;
    refuters.threads = 1;
    refuters.steps_before_windows = 0;
    refuters.reduce_unobserved_from = 0;
    const auto r = lin::check_history(h, refuters);
    lin::LinOptions exact;
    exact.threads = 1;
    exact.refute = false;
    exact.reduce_unobserved_from = SIZE_MAX;
    exact.time_budget_s = 10;
    const auto e = lin::check_history(h, exact);
    INFO("seed " << seed << ": " << boost::json::serialize(r.details));
    if (e.verdict == Verdict::Unknown || r.verdict == Verdict::Unknown) continue;
    REQUIRE(r.verdict == e.verdict);
    ++agreed;
    if (r.verdict == Verdict::Invalid && r.details.at("invalid").as_array().at(0).as_object().contains("refuted_by"))
      ++refuted;
  }
  CHECK(agreed >= 50);
  CHECK(refuted >= 10);
}
