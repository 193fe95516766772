#include <catch2/catch.hpp>

#include <algorithm>

#include "nemesis/fault_event.hpp"

using namespace faultline::nemesis;
using namespace std::chrono_literals;

TEST_CASE("to_json carries what the kind needs", "[fault_event]") {
  FaultEvent p;
  p.fault_id = 4;
  p.kind = "partition";
  p.description = "isolate n3";
  p.grudge = {{"n3", {"n1", "n2"}}, {"n1", {"n3"}}};
  auto j = p.to_json();
  CHECK(j.at("fault").as_int64() == 4);
  CHECK(j.at("phase").as_string() == "start");
  CHECK(j.at("description").as_string() == "isolate n3");
  CHECK(boost::json::serialize(j.at("grudge")) == R"({"n1":["n3"],"n3":["n1","n2"]})");
  CHECK_FALSE(j.contains("links"));

  FaultEvent loss;
  loss.kind = "loss";
  loss.start = false;
  loss.links = {{"n1", "n2"}};
  loss.probability = 0.25;
  j = loss.to_json();
  CHECK(j.at("phase").as_string() == "stop");
  CHECK(boost::json::serialize(j.at("links")) == R"([["n1","n2"]])");
  CHECK(j.at("probability").as_double() == 0.25);
  CHECK(j.at("clients").as_bool() == false);
  CHECK_FALSE(j.contains("grudge"));

  FaultEvent kill;
  kill.kind = "kill";
  kill.nodes = {"n2"};
  kill.wipe = true;
  j = kill.to_json();
  CHECK(boost::json::serialize(j.at("nodes")) == R"(["n2"])");
  CHECK(j.at("wipe").as_bool());

  FaultEvent lat;
  lat.kind = "latency";
  lat.latency.distribution = LatencyDistribution::Pareto;
  lat.latency.mean = 5ms;
  j = lat.to_json();
  CHECK(j.at("latency").at("distribution").as_string() == "pareto");
  CHECK(j.at("latency").at("mean_ns").as_int64() == 5'000'000);
}

TEST_CASE("timeline order: heals before new faults at the same instant", "[fault_event]") {
  auto ev = [](int id, bool start, Nanos at, Nanos started) {
    FaultEvent e;
    e.fault_id = id;
    e.start = start;
    e.at = at;
    e.started = started;
    return e;
  };
  // 3 is a zero-length window at 5s; 1 started earlier and stops at 5s; 2 starts at 5s.
  std::vector<FaultEvent> events = {ev(3, false, 5s, 5s), ev(2, true, 5s, 5s), ev(3, true, 5s, 5s),
                                    ev(1, false, 5s, 1s), ev(1, true, 1s, 1s)};
  std::sort(events.begin(), events.end(), timeline_before);
  std::vector<std::pair<int, bool>> order;
  for (const auto& e : events) order.emplace_back(e.fault_id, e.start);
  CHECK(order == std::vector<std::pair<int, bool>>{{1, true}, {1, false}, {2, true}, {3, true}, {3, false}});
}
