#include <catch2/catch.hpp>

#include <map>

#include "workloads/lin_kv.hpp"
#include "workloads/registry.hpp"

using namespace faultline;
using namespace faultline::workloads;
namespace json = boost::json;

namespace lin_kv_test {

WorkloadContext context(int nodes, int concurrency, std::int64_t retire = 20) {
  WorkloadContext c;
  for (int i = 1; i <= nodes; ++i) c.nodes.push_back("n" + std::to_string(i));
  c.concurrency = concurrency;
  c.params = {{"missing_read", "fail"}, {"key_retire_processes", retire}};
  return c;
}

ClientSlot slot(int thread, std::int64_t process) { return {thread, process, "n1"}; }

std::int64_t key_of(const Invocation& op) { return op.value.as_array()[0].as_int64(); }

Outcome info() { return {history::OpType::Info, nullptr, "timeout"}; }

TEST_CASE("lin-kv generator is deterministic for a seed", "[lin-kv]") {
  auto run = [](std::uint64_t seed) {
    LinKvWorkload w(context(3, 12));
    auto rng = history::make_rng(seed, "gen");
    std::vector<std::string> ops;
    for (int i = 0; i < 300; ++i) {
      auto op = w.next(slot(i % 12, i % 12), rng);
      REQUIRE(op.has_value());
      ops.push_back(op->f + json::serialize(op->value));
    }
    return ops;
  };
  CHECK(run(42) == run(42));
  CHECK(run(42) != run(43));
}

TEST_CASE("lin-kv groups threads by 2 x nodes, half readers per key", "[lin-kv]") {
  LinKvWorkload w(context(2, 8));  // groups of 4: threads 0-3 on key 0, 4-7 on key 1
  auto rng = history::make_rng(1, "gen");
  std::map<std::string, int> writer_fs;
  for (int round = 0; round < 300; ++round) {
    for (int t = 0; t < 8; ++t) {
      auto op = w.next(slot(t, t), rng);
      REQUIRE(op.has_value());
      CHECK(key_of(*op) == t / 4);
      const bool reader = t % 4 < 2;
      if (reader) {
        CHECK(op->f == "read");
        CHECK(op->value.as_array()[1].is_null());
        continue;
      }
      REQUIRE((op->f == "write" || op->f == "cas"));
      ++writer_fs[op->f];
      const auto& v = op->value.as_array()[1];
      if (op->f == "write") {
        CHECK(v.as_int64() >= 0);
        CHECK(v.as_int64() <= 4);
      } else {
        REQUIRE(v.as_array().size() == 2);
        for (const auto& x : v.as_array()) {
          CHECK(x.as_int64() >= 0);
          CHECK(x.as_int64() <= 4);
        }
      }
    }
  }
  // 1200 writer ops: about 400 writes and 800 cas.
  CHECK(writer_fs["write"] > 300);
  CHECK(writer_fs["write"] < 500);
  CHECK(writer_fs["cas"] > 700);
}

TEST_CASE("lin-kv tolerates a concurrency that is not a multiple of 2 x nodes", "[lin-kv]") {
  LinKvWorkload w(context(2, 6));  // groups {0,1,2,3} and a short {4,5}
  auto rng = history::make_rng(1, "gen");
  for (int i = 0; i < 20; ++i) {
    auto reader = w.next(slot(4, 4), rng);
    auto writer = w.next(slot(5, 5), rng);
    CHECK(reader->f == "read");
    CHECK(writer->f != "read");
    CHECK(key_of(*reader) == 1);
    CHECK(key_of(*writer) == 1);
  }

  // A single thread is a group of one, and it must write something.
  LinKvWorkload lone(context(5, 1));
  CHECK(lone.next(slot(0, 0), rng)->f != "read");
  // A thread beyond the declared concurrency still gets a fresh key.
  auto extra = lone.next(slot(10, 10), rng);
  REQUIRE(extra.has_value());
  CHECK(key_of(*extra) == 1);
}

TEST_CASE("lin-kv retires a key after the process limit", "[lin-kv]") {
  LinKvWorkload w(context(1, 4, 3));  // groups {0,1} on key 0 and {2,3} on key 1
  auto rng = history::make_rng(1, "gen");
  CHECK(key_of(*w.next(slot(0, 0), rng)) == 0);
  CHECK(key_of(*w.next(slot(1, 1), rng)) == 0);

  SECTION("a new process beyond the limit moves the group to the next unused key") {
    auto op = w.next(slot(0, 0), rng);
    w.observe(slot(0, 0), *op, info());            // 2 processes: still under the limit
    CHECK(key_of(*w.next(slot(0, 4), rng)) == 0);  // third process: at the limit
    CHECK(w.current_key(0) == 0);
    CHECK(key_of(*w.next(slot(1, 1), rng)) == 0);  // known processes keep going
    CHECK(key_of(*w.next(slot(1, 5), rng)) == 2);  // a fourth one: key 0 retires
    CHECK(key_of(*w.next(slot(0, 4), rng)) == 2);  // the whole group follows
    CHECK(w.current_key(1) == 1);                  // other groups are untouched
  }

  SECTION("an info op on a full key retires it at once") {
    CHECK(key_of(*w.next(slot(0, 4), rng)) == 0);  // 3 processes
    auto op = w.next(slot(1, 1), rng);
    w.observe(slot(1, 1), *op, info());
    CHECK(w.current_key(0) == 2);
    CHECK(key_of(*w.next(slot(0, 4), rng)) == 2);
    // Ok and fail completions never retire anything.
    w.observe(slot(0, 4), *op, {history::OpType::Ok, nullptr, nullptr});
    w.observe(slot(0, 4), *op, {history::OpType::Fail, nullptr, nullptr});
    CHECK(w.current_key(0) == 2);
  }
}

TEST_CASE("lin-kv encodes ops as Maelstrom requests", "[lin-kv]") {
  LinKvWorkload w(context(1, 2));
  CHECK(w.encode({"read", json::array{7, nullptr}}) == json::object{{"type", "read"}, {"key", 7}});
  CHECK(w.encode({"write", json::array{7, 3}}) == json::object{{"type", "write"}, {"key", 7}, {"value", 3}});
  CHECK(w.encode({"cas", json::array{7, json::array{1, 2}}}) ==
        json::object{{"type", "cas"}, {"key", 7}, {"from", 1}, {"to", 2}});
  CHECK(w.idempotent({"read", json::array{7, nullptr}}));
  CHECK_FALSE(w.idempotent({"write", json::array{7, 3}}));
  CHECK_FALSE(w.idempotent({"cas", json::array{7, json::array{1, 2}}}));
}

TEST_CASE("lin-kv decodes replies into independent tuples", "[lin-kv]") {
  LinKvWorkload w(context(1, 2));
  const Invocation read{"read", json::array{7, nullptr}};
  const Invocation write{"write", json::array{7, 3}};
  const Invocation cas{"cas", json::array{7, json::array{1, 2}}};

  auto ok = w.decode(read, {{"type", "read_ok"}, {"value", 4}, {"in_reply_to", 1}, {"msg_id", 9}});
  CHECK(ok.type == history::OpType::Ok);
  CHECK(ok.value == json::array{7, 4});

  auto null_read = w.decode(read, {{"type", "read_ok"}, {"value", nullptr}, {"in_reply_to", 1}});
  CHECK(null_read.type == history::OpType::Ok);
  CHECK(null_read.value == json::array{7, nullptr});

  auto wrote = w.decode(write, {{"type", "write_ok"}, {"in_reply_to", 2}});
  CHECK(wrote.type == history::OpType::Ok);
  CHECK(wrote.value == json::array{7, 3});
  auto cased = w.decode(cas, {{"type", "cas_ok"}, {"in_reply_to", 3}});
  CHECK(cased.type == history::OpType::Ok);
  CHECK(cased.value == json::array{7, json::array{1, 2}});
}

TEST_CASE("lin-kv turns schema violations into info with a reason", "[lin-kv]") {
  LinKvWorkload w(context(1, 2));
  const Invocation read{"read", json::array{7, nullptr}};
  const Invocation write{"write", json::array{7, 3}};

  auto check_info = [](const Outcome& o, const std::string& needle) {
    CHECK(o.type == history::OpType::Info);
    REQUIRE(o.error.is_string());
    CHECK_THAT(std::string(o.error.as_string()), Catch::Contains(needle));
  };
  check_info(w.decode(read, {{"type", "read_ok"}, {"in_reply_to", 1}}), "value");
  check_info(w.decode(read, {{"type", "read_ok"}, {"value", 1}, {"extra", 2}, {"in_reply_to", 1}}), "extra");
  check_info(w.decode(read, {{"type", "write_ok"}, {"in_reply_to", 1}}), "read_ok");
  check_info(w.decode(write, {{"type", "write_ok"}, {"value", 3}, {"in_reply_to", 1}}), "value");
  check_info(w.decode(write, {{"type", "cas_ok"}, {"in_reply_to", 1}}), "write_ok");
}

TEST_CASE("lin-kv is registered with its params and default checkers", "[lin-kv]") {
  const auto* entry = find_workload("lin-kv");
  REQUIRE(entry != nullptr);
  std::map<std::string, ParamSpec> params;
  for (const auto& p : entry->params) params[p.name] = p;
  REQUIRE(params.count("missing_read") == 1);
  CHECK(params["missing_read"].kind == ParamKind::Enum);
  CHECK(params["missing_read"].default_value == "fail");
  CHECK(params["missing_read"].allowed == std::vector<std::string>{"fail", "null"});
  REQUIRE(params.count("key_retire_processes") == 1);
  CHECK(params["key_retire_processes"].default_value == 20);

  auto w = entry->make(context(5, 10));
  auto checkers = w->default_checkers();
  REQUIRE(checkers.size() == 2);
  CHECK(checkers[0].type == "linearizable");
  CHECK(checkers[0].options.at("model") == "cas-register");
  CHECK(checkers[0].options.at("keyed") == true);
  CHECK(checkers[1].type == "stats");
  CHECK_FALSE(w->has_final_phase());
}

}  // namespace lin_kv_test
