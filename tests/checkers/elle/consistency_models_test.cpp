#include "checkers/elle/consistency_models.hpp"

#include <catch2/catch.hpp>

#include "checkers/elle/cycle_anomaly.hpp"

using namespace faultline::checkers::elle;

TEST_CASE("models: each forbids what the weaker ones do, and more") {
  CHECK(forbidden_by("read-uncommitted").contains("G0"));
  CHECK(!forbidden_by("read-uncommitted").contains("G1c"));
  CHECK(forbidden_by("read-committed").contains("G1a"));
  CHECK(!forbidden_by("snapshot-isolation").contains("G2-item"));
  CHECK(forbidden_by("snapshot-isolation").contains("lost-update"));
  CHECK(forbidden_by("serializable").contains("G2-item"));
  CHECK(!forbidden_by("serializable").contains("G2-item-realtime"));
  CHECK(forbidden_by("strong-session-serializable").contains("G2-item-process"));
  CHECK(!forbidden_by("strong-session-serializable").contains("G2-item-realtime"));
  CHECK(forbidden_by("strict-serializable").contains("G-single-realtime"));
  for (const auto& m : model_names()) CHECK(forbidden_by(m).contains("internal"));
  REQUIRE_THROWS_WITH(forbidden_by("linearizable"), Catch::Contains("known: read-uncommitted"));
}

TEST_CASE("models: not names the weakest models ruled out, also-not the rest") {
  const auto g1c = ruled_out({"G1c"});
  CHECK(g1c.weakest == std::vector<std::string>{"read-committed"});
  CHECK(std::find(g1c.stronger.begin(), g1c.stronger.end(), "strict-serializable") != g1c.stronger.end());
  CHECK(std::find(g1c.stronger.begin(), g1c.stronger.end(), "read-uncommitted") == g1c.stronger.end());

  const auto lost = ruled_out({"lost-update"});
  CHECK(lost.weakest == std::vector<std::string>{"repeatable-read", "snapshot-isolation"});

  const auto rt = ruled_out({"G0-realtime"});
  CHECK(rt.weakest == std::vector<std::string>{"strong-snapshot-isolation"});
  CHECK(rt.stronger == std::vector<std::string>{"strict-serializable"});
  CHECK(ruled_out({}).weakest.empty());
}

TEST_CASE("cycles are named by their edges") {
  CHECK(classify({{0, 1, kWW}, {1, 0, kWW}}) == "G0");
  CHECK(classify({{0, 1, kWW}, {1, 0, kWR}}) == "G1c");
  CHECK(classify({{0, 1, kRW}, {1, 0, kWR}}) == "G-single");
  CHECK(classify({{0, 1, kRW}, {1, 2, kWR}, {2, 3, kRW}, {3, 0, kWW}}) == "G-nonadjacent");
  CHECK(classify({{0, 1, kRW}, {1, 0, kRW}}) == "G2-item");
  CHECK(classify({{0, 1, kWW}, {1, 0, kProcess}}) == "G0-process");
  CHECK(classify({{0, 1, kRW}, {1, 2, kProcess}, {2, 0, kRealtime}}) == "G-single-realtime");
}
