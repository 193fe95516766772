// Hand-written valid and invalid histories for every model.
#include <catch2/catch.hpp>

#include "checkers/linearizability/check_file.hpp"
#include "history_builder.hpp"

using faultline::checkers::Verdict;
using faultline::checkers::lin::check_history;
using faultline::checkers::lin::LinOptions;
using faultline::testing::HistoryBuilder;

namespace {

Verdict verdict(const faultline::history::History& h, const std::string& model, bool keyed = false) {
  LinOptions o;
  o.model = model;
  o.keyed = keyed;
  auto r = check_history(h, o);
  INFO(boost::json::serialize(r.details));
  return r.verdict;
}

}  // namespace

TEST_CASE("register: sequential reads see the last write") {
  HistoryBuilder b;
  b.op(0, "read", "null", "null").op(0, "write", "1", "1").op(1, "read", "null", "1");
  CHECK(verdict(b, "register") == Verdict::Valid);
}

TEST_CASE("register: a stale read after a completed write is invalid") {
  HistoryBuilder b;
  b.op(0, "write", "1", "1").op(0, "write", "2", "2").op(1, "read", "null", "1");
  CHECK(verdict(b, "register") == Verdict::Invalid);
}

TEST_CASE("register: a read concurrent with a write may see either value") {
  for (const char* seen : {"1", "2"}) {
    HistoryBuilder b;
    b.op(0, "write", "1", "1")
        .invoke(0, "write", "2")
        .invoke(1, "read")
        .ok(1, "read", seen)
        .ok(0, "write", "2");
    CHECK(verdict(b, "register") == Verdict::Valid);
  }
}

TEST_CASE("register: two reads may not disagree on the order of concurrent writes") {
  // w1 and w2 overlap; r(2) then r(1) then r(2) in sequence is impossible.
  HistoryBuilder b;
  b.invoke(0, "write", "1").invoke(1, "write", "2");
  b.op(2, "read", "null", "2").op(2, "read", "null", "1").op(2, "read", "null", "2");
  b.ok(0, "write", "1").ok(1, "write", "2");
  CHECK(verdict(b, "register") == Verdict::Invalid);
}

TEST_CASE("register: many concurrent writes, every final read consistent") {
  HistoryBuilder b;
  for (int p = 0; p < 8; ++p) b.invoke(p, "write", std::to_string(p));
  for (int p = 0; p < 8; ++p) b.ok(p, "write", std::to_string(p));
  b.op(9, "read", "null", "5").op(9, "read", "null", "5");
  CHECK(verdict(b, "register") == Verdict::Valid);
  HistoryBuilder bad = b;
  bad.op(9, "read", "null", "6");  // 5 was last; nothing wrote 6 after
  CHECK(verdict(bad, "register") == Verdict::Invalid);
}

TEST_CASE("register: a crashed write may take effect late or never") {
  HistoryBuilder late;
  late.invoke(0, "write", "1").info(0, "write", "1").op(1, "read", "null", "null").op(1, "read", "null", "1");
  CHECK(verdict(late, "register") == Verdict::Valid);
  HistoryBuilder never;
  never.invoke(0, "write", "1").info(0, "write", "1").op(1, "read", "null", "null");
  CHECK(verdict(never, "register") == Verdict::Valid);
  HistoryBuilder open;  // no completion at all: same as info
  open.invoke(0, "write", "1").op(1, "read", "null", "1");
  CHECK(verdict(open, "register") == Verdict::Valid);
}

TEST_CASE("register: a crashed write cannot take effect before it was invoked") {
  HistoryBuilder b;
  b.op(1, "read", "null", "1").invoke(0, "write", "1").info(0, "write", "1");
  CHECK(verdict(b, "register") == Verdict::Invalid);
}

TEST_CASE("register: failed ops never took effect") {
  HistoryBuilder b;
  b.invoke(0, "write", "1").fail(0, "write", "1").op(1, "read", "null", "1");
  CHECK(verdict(b, "register") == Verdict::Invalid);
}

TEST_CASE("cas-register: cas succeeds only from the expected value") {
  HistoryBuilder ok;
  ok.op(0, "write", "1", "1").op(0, "cas", "[1,2]", "[1,2]").op(1, "read", "null", "2");
  CHECK(verdict(ok, "cas-register") == Verdict::Valid);
  HistoryBuilder bad;
  bad.op(0, "write", "1", "1").op(0, "cas", "[3,2]", "[3,2]");
  CHECK(verdict(bad, "cas-register") == Verdict::Invalid);
}

TEST_CASE("cas-register: a failed cas is dropped, a crashed one may apply") {
  HistoryBuilder failed;
  failed.op(0, "write", "1", "1")
      .invoke(0, "cas", "[1,2]")
      .fail(0, "cas", "[1,2]")
      .op(1, "read", "null", "1");
  CHECK(verdict(failed, "cas-register") == Verdict::Valid);
  HistoryBuilder crashed;
  crashed.op(0, "write", "1", "1")
      .invoke(0, "cas", "[1,2]")
      .info(0, "cas", "[1,2]")
      .op(1, "read", "null", "2");
  CHECK(verdict(crashed, "cas-register") == Verdict::Valid);
  HistoryBuilder impossible;  // the crashed cas expected 3, which never was
  impossible.op(0, "write", "1", "1")
      .invoke(0, "cas", "[3,2]")
      .info(0, "cas", "[3,2]")
      .op(1, "read", "null", "2");
  CHECK(verdict(impossible, "cas-register") == Verdict::Invalid);
}

TEST_CASE("register model rejects cas with a clear reason") {
  HistoryBuilder b;
  b.op(0, "cas", "[1,2]", "[1,2]");
  LinOptions o;
  o.model = "register";
  auto r = check_history(b, o);
  CHECK(r.verdict == Verdict::Unknown);
  CHECK_THAT(std::string(r.details.at("error").as_string()), Catch::Contains("no operation 'cas'"));
}

TEST_CASE("kv: keys are independent registers; missing keys read null") {
  HistoryBuilder b;
  b.op(0, "read", R"(["x", null])", R"(["x", null])");
  b.op(0, "write", R"(["x", 1])", R"(["x", 1])");
  b.op(1, "write", R"(["y", 2])", R"(["y", 2])");
  b.op(1, "read", R"(["x", null])", R"(["x", 1])");
  b.op(0, "cas", R"(["y", [2, 3]])", R"(["y", [2, 3]])");
  b.op(1, "read", R"(["y", null])", R"(["y", 3])");
  CHECK(verdict(b, "kv") == Verdict::Valid);

  HistoryBuilder bad = b;
  bad.op(0, "read", R"(["z", null])", R"(["z", 1])");  // z was never written
  LinOptions o;
  o.model = "kv";
  auto r = check_history(bad, o);
  REQUIRE(r.verdict == Verdict::Invalid);
  const auto& inv = r.details.at("invalid").as_array();
  REQUIRE(inv.size() == 1);
  CHECK(inv[0].as_object().at("key") == "z");
  CHECK(r.details.at("partitions").to_number<std::int64_t>() == 3);
}

TEST_CASE("kv: values must be [key, v]") {
  HistoryBuilder b;
  b.op(0, "write", "1", "1");
  LinOptions o;
  o.model = "kv";
  auto r = check_history(b, o);
  CHECK(r.verdict == Verdict::Unknown);
  CHECK_THAT(std::string(r.details.at("error").as_string()), Catch::Contains("[key, v]"));
}

TEST_CASE("set: reads return every element added so far") {
  HistoryBuilder b;
  b.op(0, "add", "1", "1").invoke(0, "add", "2").op(1, "read", "null", "[1]").ok(0, "add", "2");
  b.op(1, "read", "null", "[2, 1]");
  CHECK(verdict(b, "set") == Verdict::Valid);
  HistoryBuilder lost;
  lost.op(0, "add", "1", "1").op(0, "add", "2", "2").op(1, "read", "null", "[2]");
  CHECK(verdict(lost, "set") == Verdict::Invalid);
  HistoryBuilder phantom;
  phantom.op(0, "add", "1", "1").op(1, "read", "null", "[1, 7]");
  CHECK(verdict(phantom, "set") == Verdict::Invalid);
}

TEST_CASE("fifo-queue: dequeues come out in enqueue order") {
  HistoryBuilder b;
  b.op(0, "enqueue", "1", "1").op(0, "enqueue", "2", "2").op(1, "dequeue", "null", "1");
  b.op(1, "dequeue", "null", "2").op(1, "dequeue", "null", "null");
  CHECK(verdict(b, "fifo-queue") == Verdict::Valid);
  HistoryBuilder swapped;
  swapped.op(0, "enqueue", "1", "1").op(0, "enqueue", "2", "2").op(1, "dequeue", "null", "2");
  CHECK(verdict(swapped, "fifo-queue") == Verdict::Invalid);
  HistoryBuilder concurrent;  // concurrent enqueues may land in either order
  concurrent.invoke(0, "enqueue", "1").invoke(1, "enqueue", "2").ok(0, "enqueue", "1").ok(1, "enqueue", "2");
  concurrent.op(2, "dequeue", "null", "2").op(2, "dequeue", "null", "1");
  CHECK(verdict(concurrent, "fifo-queue") == Verdict::Valid);
  HistoryBuilder crashed;  // a crashed dequeue may have taken the 1
  crashed.op(0, "enqueue", "1", "1").op(0, "enqueue", "2", "2").invoke(1, "dequeue").info(1, "dequeue");
  crashed.op(2, "dequeue", "null", "2");
  CHECK(verdict(crashed, "fifo-queue") == Verdict::Valid);
}

TEST_CASE("mutex: two holders at once is invalid") {
  HistoryBuilder b;
  b.op(0, "acquire", "null", "null").op(0, "release", "null", "null").op(1, "acquire", "null", "null");
  CHECK(verdict(b, "mutex") == Verdict::Valid);
  HistoryBuilder both;
  both.op(0, "acquire", "null", "null").op(1, "acquire", "null", "null");
  CHECK(verdict(both, "mutex") == Verdict::Invalid);
  HistoryBuilder crashed_release;  // a crashed release may have freed it
  crashed_release.op(0, "acquire", "null", "null").invoke(0, "release").info(0, "release");
  crashed_release.op(1, "acquire", "null", "null");
  CHECK(verdict(crashed_release, "mutex") == Verdict::Valid);
}

TEST_CASE("an empty history is linearizable") {
  HistoryBuilder b;
  CHECK(verdict(b, "cas-register") == Verdict::Valid);
  CHECK(verdict(b, "kv") == Verdict::Valid);
}
