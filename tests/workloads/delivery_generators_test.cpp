#include <catch2/catch.hpp>

#include <map>

#include "workloads/broadcast.hpp"
#include "workloads/counter.hpp"
#include "workloads/errors.hpp"
#include "workloads/g_set.hpp"
#include "workloads/queue.hpp"
#include "workloads/registry.hpp"

using namespace faultline;
using namespace faultline::workloads;
namespace json = boost::json;

namespace delivery_generators_test {

WorkloadContext context(int nodes, int concurrency, json::object params = {}) {
  WorkloadContext c;
  for (int i = 1; i <= nodes; ++i) c.nodes.push_back("n" + std::to_string(i));
  c.concurrency = concurrency;
  c.params = std::move(params);
  c.seed = 3;
  return c;
}

ClientSlot slot(int thread) { return {thread, thread, "n1"}; }

std::vector<std::string> draw(Workload& w, std::uint64_t seed, int count) {
  auto rng = history::make_rng(seed, "gen");
  std::vector<std::string> ops;
  for (int i = 0; i < count; ++i) {
    auto op = w.next(slot(i % 4), rng);
    REQUIRE(op.has_value());
    ops.push_back(op->f + json::serialize(op->value));
  }
  return ops;
}

// Every final-phase op one client asks for, stopping at nullopt.
std::vector<Invocation> final_ops(Workload& w, int thread) {
  auto rng = history::make_rng(1, "final");
  std::vector<Invocation> ops;
  while (auto op = w.next_final(slot(thread), rng)) {
    ops.push_back(*op);
    if (ops.size() > 100) break;
  }
  return ops;
}

Outcome ok(json::value v) { return {history::OpType::Ok, std::move(v), nullptr}; }
Outcome empty_queue() { return {history::OpType::Fail, nullptr, error_value(20, "queue is empty")}; }
Outcome timeout() { return {history::OpType::Info, nullptr, "timeout"}; }

TEST_CASE("delivery generators are deterministic for a seed", "[delivery]") {
  auto make_all = [] {
    std::vector<std::unique_ptr<Workload>> all;
    all.push_back(std::make_unique<BroadcastWorkload>(context(3, 4)));
    all.push_back(std::make_unique<GSetWorkload>());
    all.push_back(std::make_unique<CounterWorkload>(CounterKind::Grow));
    all.push_back(std::make_unique<CounterWorkload>(CounterKind::PositiveNegative));
    all.push_back(std::make_unique<QueueWorkload>(context(3, 4)));
    return all;
  };
  auto a = make_all(), b = make_all(), c = make_all();
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto first = draw(*a[i], 42, 200);
    CHECK(first == draw(*b[i], 42, 200));
    CHECK(first != draw(*c[i], 43, 200));
  }
}

TEST_CASE("broadcast values are unique and rising across clients, half the ops", "[broadcast]") {
  BroadcastWorkload w(context(5, 10));
  auto rng = history::make_rng(7, "gen");
  std::int64_t expected = 0;
  int reads = 0;
  for (int i = 0; i < 1000; ++i) {
    auto op = w.next(slot(i % 10), rng);
    REQUIRE(op.has_value());
    if (op->f == "read") {
      CHECK(op->value.is_null());
      ++reads;
      continue;
    }
    REQUIRE(op->f == "broadcast");
    CHECK(op->value.as_int64() == expected++);
  }
  CHECK(reads > 420);
  CHECK(reads < 580);
}

TEST_CASE("broadcast sends each node the topology map", "[broadcast]") {
  BroadcastWorkload w(context(5, 1, {{"topology", "line"}, {"degree", 3}}));
  const auto msgs = w.setup_messages("n2");
  REQUIRE(msgs.size() == 1);
  CHECK(msgs[0].at("type") == "topology");
  const auto& map = msgs[0].at("topology").as_object();
  CHECK(map.size() == 5);
  CHECK(map.at("n2") == json::array{"n1", "n3"});
  CHECK(map.at("n5") == json::array{"n4"});
  // grid is the default.
  BroadcastWorkload grid(context(9, 1));
  CHECK(grid.topology().at("n5").size() == 4);
}

TEST_CASE("set and counter final phases do exactly one read per client", "[delivery]") {
  std::vector<std::unique_ptr<Workload>> all;
  all.push_back(std::make_unique<BroadcastWorkload>(context(3, 3)));
  all.push_back(std::make_unique<GSetWorkload>());
  all.push_back(std::make_unique<CounterWorkload>(CounterKind::Grow));
  all.push_back(std::make_unique<CounterWorkload>(CounterKind::PositiveNegative));
  for (auto& w : all) {
    CHECK(w->has_final_phase());
    for (int t = 0; t < 3; ++t) {
      const auto ops = final_ops(*w, t);
      REQUIRE(ops.size() == 1);
      CHECK(ops[0].f == "read");
      CHECK(w->idempotent(ops[0]));
    }
    CHECK(final_ops(*w, 0).empty());  // asked again: still done
  }
}

TEST_CASE("g-set adds unique rising elements", "[g-set]") {
  GSetWorkload w;
  auto rng = history::make_rng(1, "gen");
  std::int64_t expected = 0;
  for (int i = 0; i < 500; ++i) {
    auto op = w.next(slot(i % 3), rng);
    REQUIRE(op.has_value());
    if (op->f == "add")
      CHECK(op->value.as_int64() == expected++);
    else
      CHECK(op->f == "read");
  }
  CHECK(expected > 200);
  CHECK(!w.idempotent({"add", 1}));
}

TEST_CASE("counter generators draw Maelstrom's deltas and mixes", "[counter]") {
  auto census = [](CounterKind kind) {
    CounterWorkload w(kind);
    auto rng = history::make_rng(5, "gen");
    std::map<std::int64_t, int> deltas;
    int adds = 0;
    for (int i = 0; i < 3000; ++i) {
      auto op = w.next(slot(0), rng);
      REQUIRE(op.has_value());
      if (op->f == "add") {
        ++adds;
        ++deltas[op->value.as_int64()];
      } else {
        CHECK(op->f == "read");
      }
    }
    return std::make_pair(adds, deltas);
  };
  const auto [pn_adds, pn] = census(CounterKind::PositiveNegative);
  CHECK(pn_adds > 1350);
  CHECK(pn_adds < 1650);
  CHECK(pn.begin()->first == -5);
  CHECK(pn.rbegin()->first == 4);
  CHECK(pn.size() == 10);
  const auto [g_adds, g] = census(CounterKind::Grow);
  CHECK(g_adds > 850);  // about 1/3 of 3000
  CHECK(g_adds < 1150);
  CHECK(g.begin()->first == 0);
  CHECK(g.rbegin()->first == 4);
}

TEST_CASE("queue enqueues unique rising values, half the ops", "[queue]") {
  QueueWorkload w(context(3, 4));
  auto rng = history::make_rng(2, "gen");
  std::int64_t expected = 0;
  int dequeues = 0;
  for (int i = 0; i < 1000; ++i) {
    auto op = w.next(slot(i % 4), rng);
    REQUIRE(op.has_value());
    if (op->f == "dequeue") {
      ++dequeues;
      // Without `ack`, an ok dequeue is not followed by an ack.
      w.observe(slot(i % 4), *op, ok(json::value(i)));
      continue;
    }
    REQUIRE(op->f == "enqueue");
    CHECK(op->value.as_int64() == expected++);
  }
  CHECK(dequeues > 420);
  CHECK(dequeues < 580);
}

TEST_CASE("queue drain dequeues until the queue is empty", "[queue]") {
  QueueWorkload w(context(3, 2));
  auto rng = history::make_rng(1, "final");
  // The queue is empty for a moment in the main phase: that is not a drain.
  w.observe(slot(0), {"dequeue", nullptr}, empty_queue());
  for (int i = 0; i < 5; ++i) {
    auto op = w.next_final(slot(0), rng);
    REQUIRE(op.has_value());
    CHECK(op->f == "dequeue");
    w.observe(slot(0), *op, i % 2 ? ok(i) : timeout());  // timeouts don't end it
  }
  auto last = w.next_final(slot(0), rng);
  REQUIRE(last.has_value());
  w.observe(slot(0), *last, empty_queue());
  CHECK_FALSE(w.next_final(slot(0), rng).has_value());
  CHECK_FALSE(w.next_final(slot(0), rng).has_value());
  // The other client drains on its own.
  auto other = w.next_final(slot(1), rng);
  REQUIRE(other.has_value());
  CHECK(other->f == "dequeue");
}

TEST_CASE("queue drain stops at drain_limit on a queue that never empties", "[queue]") {
  QueueWorkload w(
      context(3, 1, {{"guarantee", "exactly-once"}, {"fifo", false}, {"ack", false}, {"drain_limit", 7}}));
  auto rng = history::make_rng(1, "final");
  int issued = 0;
  while (auto op = w.next_final(slot(0), rng)) {
    w.observe(slot(0), *op, ok(issued));
    REQUIRE(++issued <= 7);
  }
  CHECK(issued == 7);
}

TEST_CASE("queue with ack acks each dequeued value next, also while draining", "[queue]") {
  QueueWorkload w(
      context(3, 1, {{"guarantee", "at-least-once"}, {"fifo", true}, {"ack", true}, {"drain_limit", 100}}));
  auto rng = history::make_rng(9, "gen");
  std::optional<Invocation> op;
  do op = w.next(slot(0), rng);
  while (op->f != "dequeue");
  w.observe(slot(0), *op, ok(17));
  auto ack = w.next(slot(0), rng);
  REQUIRE(ack.has_value());
  CHECK(ack->f == "ack");
  CHECK(ack->value == 17);
  CHECK(w.encode(*ack) == json::object{{"type", "ack"}, {"value", 17}});
  auto after = w.next(slot(0), rng);
  CHECK(after->f != "ack");

  auto d = w.next_final(slot(0), rng);
  REQUIRE(d->f == "dequeue");
  w.observe(slot(0), *d, ok(21));
  auto final_ack = w.next_final(slot(0), rng);
  REQUIRE(final_ack.has_value());
  CHECK(final_ack->f == "ack");
  CHECK(final_ack->value == 21);
  CHECK(w.next_final(slot(0), rng)->f == "dequeue");

  const auto checkers = w.default_checkers();
  REQUIRE(checkers.size() == 2);
  CHECK(checkers[0].type == "queue");
  CHECK(checkers[0].options == json::object{{"guarantee", "at-least-once"}, {"fifo", true}});
  CHECK(checkers[1].type == "stats");
}

TEST_CASE("delivery workloads are registered with defaults for every param", "[delivery]") {
  const std::map<std::string, std::string> first_checker = {{"broadcast", "set-full"},
                                                            {"g-set", "set-full"},
                                                            {"g-counter", "counter"},
                                                            {"pn-counter", "counter"},
                                                            {"queue", "queue"}};
  for (const auto& [name, checker] : first_checker) {
    const auto* entry = find_workload(name);
    REQUIRE(entry != nullptr);
    json::object params;
    for (const auto& p : entry->params) {
      CHECK(!p.default_value.is_null());
      params[p.name] = p.default_value;
    }
    auto w = entry->make(context(5, 5, params));
    REQUIRE(w != nullptr);
    CHECK(w->has_final_phase());
    CHECK(w->default_checkers().at(0).type == checker);
    CHECK(w->default_checkers().at(1).type == "stats");
  }
  auto b = find_workload("broadcast")->make(context(3, 3));
  CHECK(b->default_checkers()[0].options == json::object{{"add_f", "broadcast"}});
  auto g = find_workload("g-set")->make(context(3, 3));
  CHECK(g->default_checkers()[0].options == json::object{{"add_f", "add"}});
}

}  // namespace delivery_generators_test
