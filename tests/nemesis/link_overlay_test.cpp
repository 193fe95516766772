#include <catch2/catch.hpp>

#include "nemesis/link_overlay.hpp"

using namespace faultline::nemesis;
using namespace std::chrono_literals;

namespace {

FaultEvent net(int id, const std::string& kind, Nanos started,
               std::vector<std::pair<std::string, std::string>> links) {
  FaultEvent e;
  e.fault_id = id;
  e.kind = kind;
  e.at = e.started = started;
  e.links = std::move(links);
  return e;
}

FaultEvent stop(FaultEvent e, Nanos at) {
  e.start = false;
  e.at = at;
  return e;
}

LinkFaults base() {
  LinkFaults b;
  b.latency.mean = 1ms;
  b.loss = 0.01;
  return b;
}

const LinkEnd n1{"n1"}, n2{"n2"}, n3{"n3"}, c1{"c1", true};

}  // namespace

TEST_CASE("an overlay changes only its fields and only its links", "[overlay]") {
  LinkOverlays overlays;
  auto loss = net(1, "loss", 1s, {{"n1", "n2"}});
  loss.probability = 0.5;
  overlays.apply(loss);

  const auto on = overlays.effective(base(), n1, n2);
  CHECK(on.loss == 0.5);
  CHECK(on.latency.mean == 1ms);  // untouched field keeps the base
  CHECK_FALSE(on.partitioned);
  CHECK(overlays.effective(base(), n2, n1).loss == 0.01);  // the reverse link is not listed
  CHECK(overlays.effective(base(), n1, n3).loss == 0.01);
}

TEST_CASE("later-started overlays win per field and stops restore the previous state", "[overlay]") {
  LinkOverlays overlays;
  auto slow = net(1, "latency", 1s, {{"n1", "n2"}});
  slow.latency.mean = 100ms;
  auto slower = net(2, "latency", 2s, {{"n1", "n2"}});
  slower.latency.mean = 500ms;
  auto dup = net(3, "duplicate", 3s, {{"n1", "n2"}});
  dup.probability = 0.2;

  overlays.apply(slow);
  CHECK(overlays.effective(base(), n1, n2).latency.mean == 100ms);
  overlays.apply(slower);
  CHECK(overlays.effective(base(), n1, n2).latency.mean == 500ms);
  overlays.apply(dup);
  auto state = overlays.effective(base(), n1, n2);
  CHECK(state.latency.mean == 500ms);
  CHECK(state.duplicate == 0.2);

  // The later latency ends first: the earlier one shows through again.
  overlays.apply(stop(slower, 4s));
  state = overlays.effective(base(), n1, n2);
  CHECK(state.latency.mean == 100ms);
  CHECK(state.duplicate == 0.2);

  // The earlier one ends while the duplicate is still on: base latency returns.
  overlays.apply(stop(slow, 5s));
  CHECK(overlays.effective(base(), n1, n2).latency.mean == 1ms);
  overlays.apply(stop(dup, 6s));
  CHECK(overlays.empty());
  const auto healed = overlays.effective(base(), n1, n2);
  CHECK(healed.duplicate == 0);
  CHECK(healed.latency.mean == 1ms);
  CHECK(healed.loss == 0.01);
}

TEST_CASE("start order decides, not the order events were applied", "[overlay]") {
  auto early = net(1, "loss", 1s, {{"n1", "n2"}});
  early.probability = 0.1;
  auto late = net(2, "loss", 2s, {{"n1", "n2"}});
  late.probability = 0.9;
  CHECK(effective_link(base(), n1, n2, {&late, &early}).loss == 0.9);
  CHECK(effective_link(base(), n1, n2, {&early, &late}).loss == 0.9);
}

TEST_CASE("partitions: any active grudge cuts, and healing one keeps the other", "[overlay]") {
  auto halves = net(1, "partition", 1s, {});
  halves.grudge = {{"n2", {"n1"}}, {"n1", {"n2"}}};
  auto one_way = net(2, "partition", 2s, {});
  one_way.grudge = {{"n2", {"n1"}}};  // n1 -> n2 dropped only

  LinkOverlays overlays;
  overlays.apply(halves);
  overlays.apply(one_way);
  CHECK(overlays.effective(base(), n1, n2).partitioned);
  CHECK(overlays.effective(base(), n2, n1).partitioned);
  CHECK_FALSE(overlays.effective(base(), n1, n3).partitioned);

  overlays.apply(stop(halves, 3s));
  CHECK(overlays.effective(base(), n1, n2).partitioned);        // one-way still holds
  CHECK_FALSE(overlays.effective(base(), n2, n1).partitioned);  // the reverse is healed
  overlays.apply(stop(one_way, 4s));
  CHECK_FALSE(overlays.effective(base(), n1, n2).partitioned);

  // A partitioned base link stays partitioned: overlays never un-partition.
  LinkFaults cut = base();
  cut.partitioned = true;
  CHECK(overlays.effective(cut, n1, n2).partitioned);
}

TEST_CASE("client links follow include_clients", "[overlay]") {
  auto reorder = net(1, "reorder", 1s, {{"n1", "n2"}});
  reorder.include_clients = true;
  reorder.nodes = {"n1"};
  CHECK(effective_link(base(), c1, n1, {&reorder}).ordering == Ordering::Reorder);
  CHECK(effective_link(base(), n1, c1, {&reorder}).ordering == Ordering::Reorder);
  CHECK(effective_link(base(), c1, n2, {&reorder}).ordering == Ordering::Fifo);
  reorder.include_clients = false;
  CHECK(effective_link(base(), c1, n1, {&reorder}).ordering == Ordering::Fifo);

  // Partitions are between nodes; a client's link to n2 is not cut.
  auto halves = net(2, "partition", 1s, {});
  halves.grudge = {{"n2", {"n1", "c1"}}};
  CHECK_FALSE(effective_link(base(), c1, n2, {&halves}).partitioned);
}

TEST_CASE("process faults and unknown stops leave links alone", "[overlay]") {
  LinkOverlays overlays;
  FaultEvent kill;
  kill.kind = "kill";
  kill.fault_id = 1;
  kill.nodes = {"n1"};
  overlays.apply(kill);
  CHECK(overlays.empty());
  overlays.apply(stop(net(9, "loss", 1s, {}), 2s));
  CHECK(overlays.empty());
  // A repeated start replaces its window instead of stacking it.
  auto loss = net(3, "loss", 1s, {{"n1", "n2"}});
  overlays.apply(loss);
  overlays.apply(loss);
  CHECK(overlays.size() == 1);
}
