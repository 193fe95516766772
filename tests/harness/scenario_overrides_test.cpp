// --set key.path=value overrides, applied before validation.
#include <catch2/catch.hpp>

#include "harness/scenario/loader.hpp"
#include "scenario_test_util.hpp"

using namespace faultline::harness;
using namespace faultline::harness::test;
using namespace std::chrono_literals;

namespace {
const std::string kWithNemesis =
    kBase + "network:\n  loss: 0.2\nnemesis:\n  - {at: 1s, for: 1s, fault: {type: pause}}\n";
}

TEST_CASE("overrides replace and add values", "[scenario][overrides]") {
  const Scenario s =
      load_scenario_text(kWithNemesis, "s.yaml",
                         {{"workload.rate=100", "network.loss=0.1", "nodes.count=4", "seed=7",
                           "time_limit=1m", "nemesis.0.for=3s", "network.clients.latency=2ms"}});
  CHECK(s.workload.rate == 100);
  CHECK(s.network.nodes.loss == Approx(0.1));
  CHECK(s.nodes.ids.size() == 4);
  CHECK(s.seed == 7);
  CHECK(s.time_limit == 1min);
  REQUIRE(s.nemesis.size() == 1);
  CHECK(s.nemesis[0].duration == 3s);
  CHECK(s.network.clients.latency.mean == 2ms);
  // The source records the scenario after overrides.
  CHECK(s.source.at("workload").at("rate").as_int64() == 100);
  CHECK(s.source.at("seed").as_int64() == 7);
}

TEST_CASE("flow values and emptying a list", "[scenario][overrides]") {
  const Scenario none = load_scenario_text(kWithNemesis, "s.yaml", {{"nemesis=[]"}});
  CHECK(none.nemesis.empty());
  const Scenario appended =
      load_scenario_text(kWithNemesis, "s.yaml", {{"nemesis.1={every: 5s, for: 1s, fault: {type: kill}}"}});
  REQUIRE(appended.nemesis.size() == 2);
  CHECK(appended.nemesis[1].every == 5s);
  const Scenario later_wins = load_scenario_text(kBase, "s.yaml", {{"workload.rate=1", "workload.rate=2"}});
  CHECK(later_wins.workload.rate == 2);
}

TEST_CASE("a bad path is an error naming it", "[scenario][overrides][errors]") {
  CHECK(only_error(kBase, {{"name.first=x"}}) ==
        "--set name.first=x:1:6: override path 'name.first': 'name' is 't', not a map, so it "
        "has no key 'first'");
  CHECK(only_error(kWithNemesis, {{"nemesis.5.for=1s"}}) ==
        "--set nemesis.5.for=1s:1:9: override path 'nemesis.5.for': 'nemesis' is a list of 1 "
        "entries, '5' is not an index into it; allowed: 0..1 (the last appends)");
  CHECK(only_error(kBase, {{"workload..rate=1"}}) ==
        "--set workload..rate=1:1:10: override path 'workload..rate' has an empty part; "
        "allowed: names separated by single dots");
  CHECK(contains_error(kBase, {{"workload.rate"}},
                       "--set workload.rate:1:1: override must look like key.path=value"));
  // An unknown key is found by validation and located in the override.
  CHECK(only_error(kBase, {{"netwrk.loss=0.1"}}) ==
        "--set netwrk.loss=0.1:1:1: unknown key 'netwrk' in the scenario (did you mean "
        "'network'?); allowed: name, seed, expect, time_limit, nodes, network, workload, client, nemesis, "
        "checkers");
}

TEST_CASE("a bad override value is located in the override", "[scenario][overrides][errors]") {
  CHECK(only_error(kBase, {{"network.loss=2"}}) ==
        "--set network.loss=2:1:14: network.loss is out of range: 2; "
        "allowed: a number 0..1 or a percentage 0%..100%");
  CHECK(only_error(kBase, {{"nemesis=[{at: 1s, for: 1s, fault: {type: pauze}}]"}}) ==
        "--set nemesis=[{at: 1s, for: 1s, fault: {type: pauze}}]:1:42: nemesis[0].fault.type "
        "has unknown value 'pauze' (did you mean 'pause'?); allowed: partition, latency, loss, "
        "duplicate, reorder, bandwidth, stall, reset, slice, down, kill, pause, restart");
  const auto errors = errors_of(kBase, {{"nemesis=[unclosed"}});
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].rfind("--set nemesis=[unclosed:1:", 0) == 0);
  CHECK(errors[0].find("YAML syntax error") != std::string::npos);
  // Errors from the file and from overrides come together.
  CHECK(errors_of(kBase + "seed: x\n", {{"network.loss=2"}}).size() == 2);
}
