// The fault-kind table: every kind is one row whose planes, keys and actions
// the rest of the code reads.
#include <catch2/catch.hpp>

#include "nemesis/fault_event.hpp"
#include "nemesis/fault_kinds.hpp"
#include "nemesis/link_faults.hpp"

using namespace faultline::nemesis;

TEST_CASE("fault kinds: names in presentation order, unknown names rejected", "[fault_kinds]") {
  CHECK(fault_kind_names() == std::vector<std::string>{"partition", "latency", "loss", "duplicate", "reorder",
                                                       "bandwidth", "stall", "reset", "slice", "down", "kill",
                                                       "pause", "restart"});
  CHECK(find_fault_kind("corrupt") == nullptr);
  CHECK_THROWS_WITH(fault_kind("corrupt"),
                    Catch::Contains("unknown fault kind 'corrupt'") && Catch::Contains("partition, latency"));
}

TEST_CASE("fault kinds: a tcp byte stream carries no message-level fault", "[fault_kinds]") {
  for (const char* name : {"loss", "duplicate", "reorder"}) {
    CHECK_FALSE(fault_kind(name).on(kTcp));
    CHECK(fault_kind(name).on(kUdp));
    CHECK(fault_kind(name).on(kStdio));
  }
  for (const char* name : {"partition", "latency", "kill"}) CHECK(fault_kind(name).on(kTcp));
}

TEST_CASE("fault kinds: byte-stream kinds are tcp only and set their link fields", "[fault_kinds]") {
  for (const char* name : {"bandwidth", "stall", "reset", "slice", "down"}) {
    INFO(name);
    CHECK(fault_kind(name).on(kTcp));
    CHECK_FALSE(fault_kind(name).on(kUdp));
    CHECK_FALSE(fault_kind(name).on(kStdio));
  }
  FaultEvent e;
  e.stream.rate = 1000;
  e.stream.after_bytes = 7;
  e.stream.slice.average = 10;
  e.stream.on_heal = OnHeal::Reset;
  e.stream.refuse = true;
  LinkFaults l;
  for (const char* name : {"bandwidth", "stall", "reset", "slice", "down", "partition"})
    fault_kind(name).overlay(l, e);
  CHECK(l.bandwidth == 1000);
  CHECK(l.stall);
  CHECK(l.reset);
  CHECK(l.reset_after_bytes == 7);
  CHECK(l.slice.average == 10);
  CHECK(l.down);
  CHECK(l.partitioned);
  CHECK(l.on_heal == OnHeal::Reset);
  CHECK(l.refuse);
  CHECK(fault_kind("slice").keys() == std::vector<std::string>{"from", "to", "between", "direction",
                                                               "clients", "size", "variation", "delay"});
}

TEST_CASE("fault kinds: keys, classes and overlays come from the row", "[fault_kinds]") {
  CHECK(fault_kind("kill").keys() == std::vector<std::string>{"targets", "restart_after", "wipe"});
  CHECK(fault_kind("loss").keys() ==
        std::vector<std::string>{"from", "to", "between", "direction", "clients", "probability"});
  CHECK(fault_kind("restart").instant);
  CHECK(fault_kind("restart").stop == nullptr);
  CHECK(fault_kind("pause").stop != nullptr);
  for (const auto& kind : fault_kinds()) {
    INFO(kind.name);
    CHECK((kind.overlay != nullptr) == kind.is_network());
    CHECK((kind.start != nullptr) == !kind.is_network());
  }
  FaultEvent e;
  e.kind = "duplicate";
  e.probability = 0.25;
  LinkFaults link;
  fault_kind("duplicate").overlay(link, e);
  CHECK(link.duplicate == 0.25);
  fault_kind("partition").overlay(link, e);
  CHECK(link.partitioned);
  CHECK(e.is_network());
}
