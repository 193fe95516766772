// The txn, kafka and bank workloads: their generators (Elle's key rotation,
// kafka's assign / send / poll / commit cycle and final polls, bank's
// transfers) and their codecs, including replies that break the schema.
#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "history/json_list.hpp"
#include "workloads/bank.hpp"
#include "workloads/kafka.hpp"
#include "workloads/txn.hpp"

using namespace faultline;
using namespace faultline::workloads;
namespace json = boost::json;

namespace txn_log_bank_test {

WorkloadContext context(json::object params = {}) {
  WorkloadContext c;
  c.nodes = {"n1", "n2", "n3"};
  c.concurrency = 3;
  c.params = std::move(params);
  return c;
}

json::object reply(json::object body) {
  body["in_reply_to"] = 4;
  return body;
}

bool violation(const Outcome& out, const std::string& reason) {
  INFO(json::serialize(out.error));
  return out.type == history::OpType::Info && out.error.is_string() &&
         std::string(out.error.as_string()).find(reason) != std::string::npos;
}

TEST_CASE("txn-list-append: Elle's generator, unique values per key, keys retire", "[txn]") {
  TxnWorkload w(context({{"key_count", 2}, {"max_writes_per_key", 3}, {"max_txn_length", 4}}), true);
  auto rng = history::make_rng(1, "t");
  std::map<std::int64_t, std::set<std::int64_t>> appended;
  std::set<std::int64_t> keys;
  for (int i = 0; i < 200; ++i) {
    const auto op = w.next({}, rng);
    REQUIRE(op);
    CHECK(op->f == "txn");
    const auto& mops = op->value.as_array();
    CHECK((mops.size() >= 1 && mops.size() <= 4));
    for (const auto& m : mops) {
      const auto& a = m.as_array();
      keys.insert(a[1].as_int64());
      if (a[0] == "r") {
        CHECK(a[2].is_null());
      } else {
        REQUIRE(a[0] == "append");
        CHECK(appended[a[1].as_int64()].insert(a[2].as_int64()).second);  // unique per key
        CHECK(a[2].as_int64() <= 3);
      }
    }
  }
  CHECK(keys.size() > 10);  // keys retired after 3 appends and replaced
  CHECK(w.default_checkers().at(0).type == "list-append");
  CHECK(w.default_checkers().at(0).options.at("consistency_model") == "strict-serializable");
}

TEST_CASE("txn codec: replies must answer the request micro-op for micro-op", "[txn]") {
  TxnWorkload append(context(), true), reg(context({{"consistency_model", "serializable"}}), false);
  const Invocation op{"txn", json::parse(R"([["r",1,null],["append",1,5]])")};
  CHECK(append.encode(op) == json::object{{"type", "txn"}, {"txn", op.value}});
  const auto ok =
      append.decode(op, reply({{"type", "txn_ok"}, {"txn", json::parse(R"([["r",1,[3]],["append",1,5]])")}}));
  CHECK(ok.type == history::OpType::Ok);
  CHECK(ok.value == json::parse(R"([["r",1,[3]],["append",1,5]])"));
  CHECK(violation(append.decode(op, reply({{"type", "txn_ok"}, {"txn", json::parse(R"([["r",1,[3]]])")}})),
                  "1 micro-ops for a request of 2"));
  CHECK(violation(
      append.decode(op, reply({{"type", "txn_ok"}, {"txn", json::parse(R"([["r",2,[3]],["append",1,5]])")}})),
      "not an answer to"));
  CHECK(violation(
      append.decode(op, reply({{"type", "txn_ok"}, {"txn", json::parse(R"([["r",1,3],["append",1,5]])")}})),
      "not a list"));
  CHECK(violation(
      append.decode(op, reply({{"type", "txn_ok"}, {"txn", json::parse(R"([["r",1,[3]],["append",1,6]])")}})),
      "changed the written value"));
  const Invocation w{"txn", json::parse(R"([["r",1,null]])")};
  CHECK(reg.decode(w, reply({{"type", "txn_ok"}, {"txn", json::parse(R"([["r",1,4]])")}})).type ==
        history::OpType::Ok);
  CHECK(reg.default_checkers().at(0).type == "rw-register");
  CHECK(reg.default_checkers().at(0).options.at("consistency_model") == "serializable");
}

TEST_CASE("kafka: assign, then send and poll, polls advance and commits follow", "[kafka]") {
  KafkaWorkload w(context({{"key_count", 2}}));
  auto rng = history::make_rng(2, "k");
  const ClientSlot c{0, 0, "n1"};
  auto first = w.next(c, rng);
  REQUIRE(first->f == "assign");
  CHECK(w.encode(*first).at("type") == "list_committed_offsets");
  CHECK(w.idempotent(*first));
  const auto keys = first->value.as_array();
  w.observe(c, *first,
            w.decode(*first, reply({{"type", "list_committed_offsets_ok"},
                                    {"offsets", {{keys[0].as_string(), 4}}}})));
  // Sends and polls from the committed offsets (+1) or 0.
  for (int i = 0; i < 40; ++i) {
    auto op = w.next(c, rng);
    if (op->f == "poll") {
      const auto& from = op->value.as_array()[0].as_array()[1].as_object();
      CHECK(from.at(keys[0].as_string()) == 5);
      const json::object msgs{{keys[0].as_string(), json::array{json::array{5, 1}, json::array{6, 2}}}};
      const auto done = w.decode(*op, reply({{"type", "poll_ok"}, {"msgs", msgs}}));
      REQUIRE(done.type == history::OpType::Ok);
      w.observe(c, *op, done);
      const auto commit = w.next(c, rng);
      REQUIRE(commit->f == "commit_offsets");
      CHECK(commit->value.at(keys[0].as_string()) == 6);
      break;
    }
    REQUIRE(op->f == "send");
    const auto done = w.decode(*op, reply({{"type", "send_ok"}, {"offset", i}}));
    CHECK(done.value.as_array()[0].as_array()[2].as_array()[0] == i);
  }
  const Invocation poll{"poll", faultline::history::list_of_one(json::array{"poll", json::object{}})};
  CHECK(violation(w.decode(poll, reply({{"type", "poll_ok"}, {"msgs", {{"a", json::array{1}}}}})),
                  "not [offset, msg]"));
  CHECK(violation(w.decode(poll, reply({{"type", "poll_ok"}})), "lacks field 'msgs'"));
}

TEST_CASE("kafka: the final phase reads every log from 0 until it reaches the acknowledged end", "[kafka]") {
  KafkaWorkload w(context({{"key_count", 1}, {"final_polls", 3}}));
  auto rng = history::make_rng(3, "k");
  const ClientSlot c{0, 0, "n1"};
  const auto assign0 = w.next(c, rng);
  w.observe(c, *assign0,
            w.decode(*assign0, reply({{"type", "list_committed_offsets_ok"}, {"offsets", json::object{}}})));
  for (int i = 0; i < 10; ++i)
    if (auto op = w.next(c, rng); op && op->f == "send") {
      w.observe(c, *op, w.decode(*op, reply({{"type", "send_ok"}, {"offset", 7}})));
      break;
    }
  auto assign = w.next_final(c, rng);
  REQUIRE(assign->f == "assign");
  w.observe(c, *assign,
            w.decode(*assign, reply({{"type", "list_committed_offsets_ok"}, {"offsets", {{"0", 3}}}})));
  auto poll = w.next_final(c, rng);
  REQUIRE(poll->f == "poll");
  CHECK(poll->value.as_array()[0].as_array()[1].at("0") == 0);  // from the start, not the committed offset
  w.observe(
      c, *poll,
      w.decode(*poll,
               reply({{"type", "poll_ok"},
                      {"msgs", json::object{{"0", faultline::history::list_of_one(json::array{7, 1})}}}})));
  CHECK(!w.next_final(c, rng));  // reached offset 7
}

TEST_CASE("bank: setup splits the total, transfers move between distinct accounts", "[bank]") {
  BankWorkload w(context({{"accounts", 3}, {"total", 10}, {"max_transfer", 4}}));
  const auto setup = w.setup_messages("n1");
  REQUIRE(setup.size() == 1);
  CHECK(setup[0].at("balances") == json::parse(R"({"0":4,"1":3,"2":3})"));
  auto rng = history::make_rng(4, "b");
  for (int i = 0; i < 50; ++i) {
    const auto op = w.next({}, rng);
    if (op->f == "read") continue;
    const auto& t = op->value.as_object();
    CHECK(t.at("from") != t.at("to"));
    CHECK((t.at("amount").as_int64() >= 1 && t.at("amount").as_int64() <= 4));
    CHECK(w.encode(*op).at("type") == "transfer");
  }
  const Invocation read{"read", nullptr};
  CHECK(w.decode(read, reply({{"type", "read_ok"}, {"balances", json::parse(R"({"0":4})")}})).type ==
        history::OpType::Ok);
  CHECK(violation(w.decode(read, reply({{"type", "read_ok"}, {"balances", json::parse(R"({"0":"x"})")}})),
                  "balance of account 0"));
  CHECK(w.default_checkers().at(0).options.at("total") == 10);
}

}  // namespace txn_log_bank_test
