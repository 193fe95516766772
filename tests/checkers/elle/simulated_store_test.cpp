// Randomized: histories of simulated stores over many seeds. A serializable
// store (every transaction atomic inside its interval) never yields an
// anomaly, even under strict serializability; a snapshot-isolation store
// yields only write skew (G2-item), which serializable checks find and
// snapshot-isolation checks allow.
#include <catch2/catch.hpp>
#include <set>

#include "checkers/elle/synthetic.hpp"
#include "txn_history.hpp"

using namespace faultline::checkers;
using namespace faultline::checkers::elle;
using namespace faultline::checkers::elle::test;

namespace {

std::set<std::string> types(const CheckResult& r) {
  std::set<std::string> out;
  for (const auto& t : r.details.at("anomaly-types").as_array()) out.insert(std::string(t.as_string()));
  return out;
}

}  // namespace

TEST_CASE("simulated serializable stores never show an anomaly") {
  for (bool append : {true, false}) {
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
      SyntheticTxnSpec spec;
      spec.append = append;
      spec.seed = seed;
      spec.txns = 300;
      spec.key_count = 3;  // hot keys: many dependencies
      spec.crash_rate = 0.05;
      const auto r =
          check(append ? DataModel::ListAppend : DataModel::RwRegister, synthesize_txn_history(spec));
      INFO("append " << append << " seed " << seed << "\n" << dump(r));
      REQUIRE(r.verdict == Verdict::Valid);
      REQUIRE(types(r).empty());
    }
  }
}

TEST_CASE("simulated snapshot isolation shows only write skew, and it is found") {
  for (bool append : {true, false}) {
    int skewed = 0;
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
      SyntheticTxnSpec spec;
      spec.append = append;
      spec.isolation = SimulatedIsolation::SnapshotIsolation;
      spec.seed = seed;
      spec.txns = 300;
      spec.key_count = 3;
      spec.processes = 8;
      const auto h = synthesize_txn_history(spec);
      const auto model = append ? DataModel::ListAppend : DataModel::RwRegister;
      const auto si = check(model, h, "snapshot-isolation");
      INFO("append " << append << " seed " << seed << "\n" << dump(si));
      REQUIRE(si.verdict == Verdict::Valid);
      const auto ser = check(model, h, "serializable");
      INFO(dump(ser));
      for (const auto& t : types(ser)) CHECK(t == "G2-item");
      if (types(ser).contains("G2-item")) {
        ++skewed;
        CHECK(ser.verdict == Verdict::Invalid);
        CHECK(ser.details.at("not").as_array() == boost::json::array{"repeatable-read"});
      }
    }
    INFO("append " << append);
    CHECK(skewed >= 5);
  }
}

TEST_CASE("a cycle search cut by its time budget is unknown, saying what it searched") {
  SyntheticTxnSpec spec;
  spec.isolation = SimulatedIsolation::SnapshotIsolation;
  spec.txns = 20000;
  spec.key_count = 3;
  spec.processes = 8;
  const auto h = synthesize_txn_history(spec);
  ElleOptions o;
  o.consistency_model = "snapshot-isolation";  // write skew is allowed: nothing forbidden to find
  o.time_budget_s = 0.001;
  const auto r = ElleChecker(DataModel::ListAppend, o).check(h);
  INFO(dump(r));
  CHECK(r.verdict == Verdict::Unknown);
  CHECK(r.details.at("search").at("complete") == false);
  const auto components = r.details.at("graph").at("cyclic-components").to_number<std::int64_t>();
  CHECK(components > 0);
  CHECK(r.details.at("search").at("components-searched").to_number<std::int64_t>() < components);
  CHECK(std::string(r.details.at("reason").as_string()).find("time budget 0.001 s") != std::string::npos);
  o.time_budget_s = 60;
  CHECK(ElleChecker(DataModel::ListAppend, o).check(h).verdict == Verdict::Valid);
}
