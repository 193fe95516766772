#include "checkers/queue.hpp"

#include <array>
#include <catch2/catch.hpp>
#include <map>
#include <random>

#include "history_builder.hpp"

using namespace faultline::checkers;
using faultline::checkers::test::HistoryBuilder;
namespace json = boost::json;

namespace {

QueueOptions opts(const char* text) { return parse_queue_options(json::parse(text).as_object()); }

}  // namespace

TEST_CASE("queue: every value dequeued once is valid") {
  HistoryBuilder h;
  h.call(0, "enqueue", 1, nullptr);
  h.call(0, "enqueue", 2, nullptr);
  h.call(1, "dequeue", nullptr, 1);
  h.call(1, "dequeue", nullptr, 2);
  h.invoke(1, "dequeue");
  h.fail(1, "dequeue");  // empty
  auto r = QueueChecker().check(h.ops);
  CHECK(r.verdict == Verdict::Valid);
  CHECK(r.details.at("dequeue-count") == 2);
  CHECK(r.details.at("empty-dequeue-count") == 1);
  CHECK(r.details.at("guarantee") == "exactly-once");
}

TEST_CASE("queue: lost values break at-least-once and exactly-once, not at-most-once") {
  HistoryBuilder h;
  h.call(0, "enqueue", 1, nullptr);
  h.call(0, "enqueue", 2, nullptr);
  h.call(1, "dequeue", nullptr, 2);
  auto r = QueueChecker().check(h.ops);
  CHECK(r.verdict == Verdict::Invalid);
  CHECK(r.details.at("lost-count") == 1);
  auto& lost = r.details.at("lost").at(0).as_object();
  CHECK(lost.at("value") == 1);
  CHECK(lost.at("enqueue-ok").at("index") == 1);
  CHECK(QueueChecker(opts(R"({"guarantee":"at-least-once"})")).check(h.ops).verdict == Verdict::Invalid);
  CHECK(QueueChecker(opts(R"({"guarantee":"at-most-once"})")).check(h.ops).verdict == Verdict::Valid);
}

TEST_CASE("queue: a loss that an indeterminate dequeue may explain is unknown, not invalid") {
  HistoryBuilder h;
  h.call(0, "enqueue", 1, nullptr);
  h.call(0, "enqueue", 2, nullptr);
  h.call(0, "enqueue", 3, nullptr);
  h.call(1, "dequeue", nullptr, 2);
  h.invoke(2, "dequeue");
  h.info(2, "dequeue");  // may have taken 1 or 3, but not both
  auto r = QueueChecker().check(h.ops);
  CHECK(r.verdict == Verdict::Invalid);  // two lost, one indeterminate dequeue
  CHECK(r.details.at("lost-count") == 2);
  CHECK(r.details.at("lost-explainable-by-info-dequeues") == 1);

  h.call(1, "dequeue", nullptr, 3);
  r = QueueChecker().check(h.ops);
  CHECK(r.verdict == Verdict::Unknown);  // only 1 unseen: the info dequeue may have it
  CHECK(r.details.at("lost-count") == 1);
  CHECK(r.details.at("reason").as_string().find("indeterminate") != std::string::npos);
}

TEST_CASE("queue: duplicates break at-most-once and exactly-once, not at-least-once") {
  HistoryBuilder h;
  h.call(0, "enqueue", 1, nullptr);
  h.call(1, "dequeue", nullptr, 1);
  h.call(2, "dequeue", nullptr, 1);
  auto r = QueueChecker().check(h.ops);
  CHECK(r.verdict == Verdict::Invalid);
  CHECK(r.details.at("duplicated-count") == 1);
  auto& dup = r.details.at("duplicated").at(0).as_object();
  CHECK(dup.at("dequeued") == 2);
  CHECK(dup.at("dequeues").as_array().size() == 2);
  CHECK(dup.at("dequeues").at(1).at("process") == 2);
  CHECK(QueueChecker(opts(R"({"guarantee":"at-least-once"})")).check(h.ops).verdict == Verdict::Valid);
  CHECK(QueueChecker(opts(R"({"guarantee":"at-most-once"})")).check(h.ops).verdict == Verdict::Invalid);
}

TEST_CASE("queue: unexpected values are always invalid; recovered ones are fine") {
  HistoryBuilder h;
  h.invoke(0, "enqueue", 1);
  h.info(0, "enqueue", 1);  // indeterminate, then seen: recovered
  h.call(1, "dequeue", nullptr, 1);
  auto ok = QueueChecker().check(h.ops);
  CHECK(ok.verdict == Verdict::Valid);
  CHECK(ok.details.at("recovered-count") == 1);
  CHECK(ok.details.at("recovered").at(0).at("value") == 1);

  h.call(1, "dequeue", nullptr, 42);
  for (const char* g : {"at-least-once", "at-most-once", "exactly-once"}) {
    auto r = QueueChecker(opts((std::string(R"({"guarantee":")") + g + "\"}").c_str())).check(h.ops);
    CHECK(r.verdict == Verdict::Invalid);
    CHECK(r.details.at("unexpected-count") == 1);
    CHECK(r.details.at("unexpected").at(0).at("dequeues").at(0).at("index") == 5);
  }
}

TEST_CASE("queue: FIFO order violations are reported as pairs when asked for") {
  HistoryBuilder h;
  h.call(0, "enqueue", "a", nullptr);
  h.call(0, "enqueue", "b", nullptr);
  h.call(1, "dequeue", nullptr, "b");
  h.call(1, "dequeue", nullptr, "a");
  CHECK(QueueChecker().check(h.ops).verdict == Verdict::Valid);
  auto r = QueueChecker(opts(R"({"fifo":true})")).check(h.ops);
  CHECK(r.verdict == Verdict::Invalid);
  CHECK(r.details.at("fifo-violation-count") == 1);
  auto& pair = r.details.at("fifo-violations").at(0).as_object();
  CHECK(pair.at("earlier").at("value") == "a");
  CHECK(pair.at("later").at("value") == "b");
  CHECK(pair.at("later").at("dequeue-ok").at("index") == 5);
}

TEST_CASE("queue: concurrent operations are not FIFO violations") {
  HistoryBuilder h;
  h.invoke(0, "enqueue", 1);
  h.invoke(1, "enqueue", 2);  // concurrent enqueues: either order is fine
  h.ok(0, "enqueue");
  h.ok(1, "enqueue");
  h.call(2, "dequeue", nullptr, 2);
  h.call(2, "dequeue", nullptr, 1);
  CHECK(QueueChecker(opts(R"({"fifo":true})")).check(h.ops).verdict == Verdict::Valid);
}

TEST_CASE("queue: FIFO count agrees with the quadratic definition") {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    std::mt19937_64 rng(seed);
    HistoryBuilder h;
    const int n = 150;
    std::vector<int> order(n);
    for (int i = 0; i < n; ++i) order[i] = i;
    // Enqueue in order, some pairs concurrent; dequeue in a slightly shuffled order.
    for (int i = 0; i < n; i += 2) {
      h.invoke(0, "enqueue", i);
      h.invoke(1, "enqueue", i + 1);
      h.ok(0, "enqueue");
      h.ok(1, "enqueue");
    }
    for (int i = 0; i + 1 < n; ++i)
      if (rng() % 4 == 0) std::swap(order[i], order[i + 1]);
    for (int v : order) h.call(2, "dequeue", nullptr, v);
    std::map<std::int64_t, std::array<std::size_t, 4>> t;  // enq inv, enq ok, deq inv, deq ok
    std::map<std::int64_t, std::int64_t> pending;
    for (std::size_t i = 0; i < h.ops.size(); ++i) {
      const auto& op = h.ops[i];
      if (op.f == "enqueue") {
        if (op.type == faultline::history::OpType::Invoke) {
          t[op.value.as_int64()][0] = i;
          pending[op.process] = op.value.as_int64();
        } else {
          t[pending[op.process]][1] = i;
        }
      } else if (op.type == faultline::history::OpType::Ok) {
        t[op.value.as_int64()][3] = i;
        t[op.value.as_int64()][2] = i - 1;
      }
    }
    std::uint64_t want = 0;
    for (auto& [a, ta] : t)
      for (auto& [b, tb] : t)
        if (ta[1] < tb[0] && tb[3] < ta[2]) ++want;
    auto r = QueueChecker(opts(R"({"fifo":true})")).check(h.ops);
    INFO("seed " << seed);
    CHECK(r.details.at("fifo-violation-count") == want);
    CHECK((want > 0) == (r.verdict == Verdict::Invalid));
  }
}

TEST_CASE("queue: empty history is unknown; bad options name the allowed values") {
  auto r = QueueChecker().check({});
  CHECK(r.verdict == Verdict::Unknown);
  CHECK(r.details.at("reason") == "the history has no enqueue or dequeue operations");
  CHECK_THROWS_WITH(opts(R"({"guarantee":"twice"})"),
                    Catch::Contains("at-least-once, at-most-once, exactly-once"));
  CHECK_THROWS_WITH(opts(R"({"fifo":1})"), Catch::Contains("true or false"));
  CHECK_THROWS_WITH(opts(R"({"order":"fifo"})"), Catch::Contains("allowed: guarantee, fifo"));
}

TEST_CASE("queue: with acks, handing out an unacked value again is redelivery, not duplication") {
  HistoryBuilder h;
  h.call(0, "enqueue", 1, nullptr);
  h.call(1, "dequeue", nullptr, 1);
  h.invoke(1, "ack", 1);
  h.info(1, "ack", 1);               // the ack may not have landed
  h.call(2, "dequeue", nullptr, 1);  // so the queue hands it out again: fine
  h.call(2, "ack", 1, 1);
  auto r = QueueChecker().check(h.ops);
  CHECK(r.verdict == Verdict::Valid);
  CHECK(r.details.at("redelivered-count") == 1);
  CHECK(r.details.at("duplicated-count") == 0);

  h.call(3, "dequeue", nullptr, 1);  // after an ok ack: a real duplicate
  auto bad = QueueChecker().check(h.ops);
  CHECK(bad.verdict == Verdict::Invalid);
  CHECK(bad.details.at("duplicated-count") == 1);
}
