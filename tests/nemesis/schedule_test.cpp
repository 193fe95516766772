#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include "nemesis/schedule.hpp"

using namespace faultline;
using namespace faultline::nemesis;
using namespace std::chrono_literals;

namespace schedule_test {

const std::vector<std::string> kNodes = {"n1", "n2", "n3", "n4", "n5"};

FaultSpec fault(const std::string& kind, const std::string& shape = "") {
  FaultSpec f;
  f.kind = kind;
  f.shape = shape;
  if (kind == "kill" || kind == "pause" || kind == "restart") f.targets.mode = "one";
  if (kind == "loss" || kind == "duplicate") f.probability = 0.25;
  return f;
}

ScheduleEntry at(FaultSpec f, Nanos t, Nanos duration) {
  ScheduleEntry e;
  e.kind = ScheduleEntry::Kind::At;
  e.fault = std::move(f);
  e.at = t;
  e.duration = duration;
  return e;
}

ScheduleEntry every(FaultSpec f, Nanos period, Nanos duration, Nanos jitter = 0s) {
  ScheduleEntry e;
  e.kind = ScheduleEntry::Kind::Every;
  e.fault = std::move(f);
  e.every = period;
  e.duration = duration;
  e.jitter = jitter;
  return e;
}

ScheduleEntry random_entry(std::vector<FaultSpec> pool, int max_concurrent) {
  ScheduleEntry e;
  e.kind = ScheduleEntry::Kind::Random;
  e.pool = std::move(pool);
  e.interval_min = 1s;
  e.interval_max = 5s;
  e.for_min = 2s;
  e.for_max = 10s;
  e.max_concurrent = max_concurrent;
  return e;
}

std::vector<ScheduleEntry> mixed() {
  auto kill = fault("kill");
  kill.restart_after = 3s;
  kill.wipe = true;
  return {at(fault("partition", "majorities-ring"), 5s, 10s),
          every(fault("partition", "random-halves"), 20s, 5s, 2s),
          random_entry({fault("loss"), kill, fault("pause"), fault("partition", "isolate")}, 2)};
}

std::string json_of(const std::vector<FaultEvent>& timeline) {
  return boost::json::serialize(timeline_to_json(timeline));
}

// fault_id -> (start, stop) events.
std::map<int, std::pair<const FaultEvent*, const FaultEvent*>> windows(
    const std::vector<FaultEvent>& timeline) {
  std::map<int, std::pair<const FaultEvent*, const FaultEvent*>> out;
  for (const auto& e : timeline) (e.start ? out[e.fault_id].first : out[e.fault_id].second) = &e;
  return out;
}

TEST_CASE("the same seed gives the same timeline, another seed another", "[schedule]") {
  const auto a = build_timeline(mixed(), kNodes, 99, 120s);
  const auto b = build_timeline(mixed(), kNodes, 99, 120s);
  const auto c = build_timeline(mixed(), kNodes, 100, 120s);
  REQUIRE(a.size() > 10);
  CHECK(json_of(a) == json_of(b));
  CHECK(json_of(a) != json_of(c));
}

TEST_CASE("entries draw from their own streams", "[schedule]") {
  // Adding an entry in front must not change what the later entry resolves to.
  const auto ring = at(fault("partition", "majorities-ring"), 5s, 10s);
  const auto alone = build_timeline({ring}, kNodes, 7, 60s);
  const auto with_other = build_timeline({ring, at(fault("kill"), 1s, 1s)}, kNodes, 7, 60s);
  auto find_ring = [](const std::vector<FaultEvent>& t) {
    return std::find_if(t.begin(), t.end(), [](const FaultEvent& e) { return e.kind == "partition"; })
        ->grudge;
  };
  CHECK(find_ring(alone) == find_ring(with_other));
}

TEST_CASE("every window has a start and a stop; ids follow start order", "[schedule]") {
  const auto timeline = build_timeline(mixed(), kNodes, 3, 120s);
  CHECK(std::is_sorted(timeline.begin(), timeline.end(), timeline_before));
  const auto ws = windows(timeline);
  int expected_id = 1;
  Nanos last_start{-1};
  for (const auto& [id, w] : ws) {
    CHECK(id == expected_id++);
    REQUIRE(w.first);
    REQUIRE(w.second);
    CHECK(w.first->at >= last_start);  // ids ascend with start time
    last_start = w.first->at;
    CHECK(w.second->at >= w.first->at);
    CHECK(w.second->started == w.first->at);
    CHECK(w.first->kind == w.second->kind);
    CHECK(w.first->description == w.second->description);
    CHECK(w.first->at >= 0s);
    CHECK(w.second->at <= 120s);
  }
}

TEST_CASE("at: one window, cut at the time limit", "[schedule]") {
  const auto t = build_timeline({at(fault("partition", "halves"), 8s, 10s)}, kNodes, 1, 12s);
  REQUIRE(t.size() == 2);
  CHECK(t[0].start);
  CHECK(t[0].at == 8s);
  CHECK_FALSE(t[1].start);
  CHECK(t[1].at == 12s);  // the final heal
  CHECK(t[0].description == "halves [n1 n2] | [n3 n4 n5]");
  CHECK(t[0].grudge == t[1].grudge);

  CHECK(build_timeline({at(fault("partition", "halves"), 12s, 1s)}, kNodes, 1, 12s).empty());
}

TEST_CASE("every: count and spacing", "[schedule]") {
  SECTION("without jitter: exact period") {
    const auto t = build_timeline({every(fault("pause"), 10s, 3s)}, kNodes, 1, 60s);
    const auto ws = windows(t);
    REQUIRE(ws.size() == 6);  // 0, 10, ..., 50
    Nanos expected = 0s;
    for (const auto& [id, w] : ws) {
      CHECK(w.first->at == expected);
      CHECK(w.second->at == expected + 3s);
      CHECK(w.first->nodes.size() == 1);
      expected += 10s;
    }
  }
  SECTION("with jitter: within +-jitter of the grid, never negative") {
    auto entry = every(fault("pause"), 10s, 3s, 2s);
    entry.at = 1s;
    const auto t = build_timeline({entry}, kNodes, 5, 60s);
    const auto ws = windows(t);
    REQUIRE(ws.size() == 6);  // 1, 11, ..., 51
    std::vector<Nanos> starts;
    for (const auto& [id, w] : ws) starts.push_back(w.first->at);
    bool any_off_grid = false;
    for (std::size_t k = 0; k < starts.size(); ++k) {
      const Nanos grid = 1s + 10s * static_cast<int>(k);
      CHECK(starts[k] >= std::max(Nanos{0}, grid - 2s));
      CHECK(starts[k] <= grid + 2s);
      any_off_grid |= starts[k] != grid;
    }
    CHECK(any_off_grid);
  }
}

TEST_CASE("random: max_concurrent respected and everything within the limit", "[schedule]") {
  for (int max_concurrent : {1, 2, 3}) {
    for (std::uint64_t seed = 0; seed < 10; ++seed) {
      auto entry =
          random_entry({fault("loss"), fault("partition", "isolate"), fault("pause")}, max_concurrent);
      const auto t = build_timeline({entry}, kNodes, seed, 300s);
      INFO("max_concurrent " << max_concurrent << " seed " << seed);
      REQUIRE(t.size() >= 40);  // ~300s / (avg 3s interval, delayed by busy slots)
      int open = 0, peak = 0;
      std::map<std::string, int> kinds;
      for (const auto& e : t) {
        CHECK(e.at >= 0s);
        CHECK(e.at <= 300s);
        open += e.start ? 1 : -1;
        peak = std::max(peak, open);
        if (e.start) ++kinds[e.kind];
      }
      CHECK(open == 0);
      CHECK(peak <= max_concurrent);
      if (max_concurrent > 1) CHECK(peak == max_concurrent);  // the slots do fill up
      CHECK(kinds.size() == 3);                               // the pool is sampled
      for (const auto& [id, w] : windows(t)) {
        const auto length = w.second->at - w.first->at;
        if (w.second->at < 300s) {
          CHECK(length >= 2s);
          CHECK(length <= 10s);
        }
      }
    }
  }
}

TEST_CASE("process fault windows", "[schedule]") {
  SECTION("kill restarts after restart_after and carries wipe") {
    auto kill = fault("kill");
    kill.restart_after = 2s;
    kill.wipe = true;
    const auto t = build_timeline({at(kill, 5s, 30s)}, kNodes, 1, 60s);
    REQUIRE(t.size() == 2);
    CHECK(t[1].at == 7s);
    CHECK(t[1].wipe);
    CHECK(t[0].nodes == t[1].nodes);
    CHECK(t[0].description == "kill " + t[0].nodes[0] + ", restart after 2s with its data wiped");
  }
  SECTION("kill without restart_after restarts at the window end") {
    const auto t = build_timeline({at(fault("kill"), 5s, 4s)}, kNodes, 1, 60s);
    CHECK(t[1].at == 9s);
    CHECK_FALSE(t[1].wipe);
  }
  SECTION("restart is a zero-length window, ordered start then stop") {
    auto entries =
        std::vector<ScheduleEntry>{at(fault("restart"), 5s, 0s), at(fault("partition", "halves"), 1s, 4s)};
    const auto t = build_timeline(entries, kNodes, 1, 60s);
    REQUIRE(t.size() == 4);
    // At 5s: the partition (started at 1s) heals first, then the restart
    // starts and stops.
    CHECK(t[1].kind == "partition");
    CHECK_FALSE(t[1].start);
    CHECK(t[2].kind == "restart");
    CHECK(t[2].start);
    CHECK(t[3].kind == "restart");
    CHECK_FALSE(t[3].start);
    CHECK(t[2].at == 5s);
    CHECK(t[3].at == 5s);
  }
}

TEST_CASE("bad schedules are errors naming where", "[schedule]") {
  auto e = every(fault("pause"), 0s, 1s);
  e.where = "s.yaml:4:3";
  CHECK_THROWS_WITH(build_timeline({e}, kNodes, 1, 10s),
                    Catch::StartsWith("s.yaml:4:3") && Catch::Contains("every"));

  auto zero = at(fault("partition", "halves"), 1s, 0s);
  zero.fault.where = "s.yaml:9:5";
  CHECK_THROWS_WITH(build_timeline({zero}, kNodes, 1, 10s),
                    Catch::StartsWith("s.yaml:9:5") && Catch::Contains("longer than 0"));

  auto unknown = at(fault("explode"), 1s, 1s);
  CHECK_THROWS_WITH(build_timeline({unknown}, kNodes, 1, 10s), Catch::Contains("explode"));

  auto loss = at(fault("loss"), 1s, 1s);
  loss.fault.probability = 1.5;
  CHECK_THROWS_WITH(build_timeline({loss}, kNodes, 1, 10s), Catch::Contains("[0, 1]"));

  CHECK_THROWS_WITH(build_timeline({random_entry({}, 1)}, kNodes, 1, 10s),
                    Catch::Contains("empty fault pool"));
  auto backwards = random_entry({fault("pause")}, 1);
  backwards.interval_min = 5s;
  backwards.interval_max = 1s;
  CHECK_THROWS_WITH(build_timeline({backwards}, kNodes, 1, 10s), Catch::Contains("interval"));
  auto none = random_entry({fault("pause")}, 0);
  CHECK_THROWS_WITH(build_timeline({none}, kNodes, 1, 10s), Catch::Contains("max_concurrent"));
  auto instant = random_entry({fault("pause")}, 1);
  instant.for_min = 0s;
  CHECK_THROWS_WITH(build_timeline({instant}, kNodes, 1, 10s), Catch::Contains("longer than 0"));
}

TEST_CASE("network faults resolve their links", "[schedule]") {
  auto latency = fault("latency");
  latency.latency.distribution = LatencyDistribution::Normal;
  latency.latency.mean = 50ms;
  latency.latency.jitter = 10ms;
  NodeSelector one;
  one.mode = "list";
  one.names = {"n2"};
  latency.links.from = one;
  latency.links.clients = true;
  const auto t = build_timeline({at(latency, 1s, 2s)}, kNodes, 1, 10s);
  REQUIRE(t.size() == 2);
  // from n2 to everyone, both directions: 8 links, plus n2's client links.
  CHECK(t[0].links.size() == 8);
  CHECK(t[0].include_clients);
  CHECK(t[0].nodes == kNodes);  // from n2 to all: every node is an endpoint
  CHECK(t[0].description == "latency normal 50ms ±10ms on [n2] <-> all + clients of [n1 n2 n3 n4 n5]");
  CHECK(t[0].latency.mean == 50ms);
}

TEST_CASE("a schedule that would open too many windows is an error naming where, not bad_alloc",
          "[schedule]") {
  // Issue 9.11: `every: 1us` over 10 s, or 1ms over 1h, expanded until the
  // harness ran out of memory.
  auto tiny = every(fault("pause"), 1us, 1s);
  tiny.where = "s.yaml:7:5";
  CHECK_THROWS_WITH(build_timeline({tiny}, kNodes, 1, 10s), Catch::StartsWith("s.yaml:7:5") &&
                                                                Catch::Contains("10,000,000 fault windows") &&
                                                                Catch::Contains("at most 100,000"));
  auto hourly = every(fault("partition", "halves"), 1ms, 500us);
  hourly.where = "s.yaml:9:5";
  CHECK_THROWS_WITH(build_timeline({hourly}, kNodes, 1, 1h),
                    Catch::StartsWith("s.yaml:9:5") && Catch::Contains("3,600,000"));

  // Exactly at the cap is fine.
  CHECK(build_timeline({every(fault("pause"), 100us, 50us)}, kNodes, 1, 10s).size() == 200000);

  // The cap is on the whole timeline: entries under it one by one, over it together.
  auto a = every(fault("pause"), 200us, 50us);
  auto b = every(fault("pause"), 200us, 50us, 0s);
  b.at = 100us;
  b.where = "s.yaml:12:5";
  CHECK_THROWS_WITH(build_timeline({a, b}, kNodes, 1, 15s),
                    Catch::StartsWith("s.yaml:12:5") && Catch::Contains("more than 100,000"));
}

}  // namespace schedule_test
