// The kafka checker on hand-written logs: each error type of Maelstrom's
// checker, found with its compact evidence, and clean logs valid.
#include "checkers/kafka/checker.hpp"

#include <catch2/catch.hpp>

#include "../history_builder.hpp"
#include "history/json_list.hpp"

using namespace faultline::checkers;
using faultline::checkers::test::HistoryBuilder;
using faultline::history::OpType;
namespace json = boost::json;

namespace kafka_test {

void send(HistoryBuilder& h, std::int64_t p, json::value key, int msg, std::int64_t offset,
          OpType outcome = OpType::Ok) {
  h.invoke(p, "send", faultline::history::list_of_one(json::array{"send", key, msg}));
  if (outcome == OpType::Ok)
    h.ok(p, "send", faultline::history::list_of_one(json::array{"send", key, json::array{offset, msg}}));
  else
    h.add(p, outcome, "send", faultline::history::list_of_one(json::array{"send", key, msg}));
}

void poll(HistoryBuilder& h, std::int64_t p, const char* msgs) {
  h.invoke(p, "poll", faultline::history::list_of_one(json::array{"poll"}));
  h.ok(p, "poll", faultline::history::list_of_one(json::array{"poll", json::parse(msgs)}));
}

CheckResult check(const HistoryBuilder& h) { return kafka::KafkaChecker().check(h.ops); }

bool has(const CheckResult& r, const std::string& type) {
  for (const auto& t : r.details.at("error-types").as_array())
    if (t == type.c_str()) return true;
  return false;
}

const json::object& first(const CheckResult& r, const std::string& type) {
  return r.details.at("errors").at(type).as_array().at(0).as_object();
}

TEST_CASE("kafka: every acknowledged message polled in order is valid") {
  HistoryBuilder h;
  send(h, 0, "a", 1, 0);
  send(h, 0, "a", 2, 1);
  poll(h, 1, R"({"a": [[0, 1], [1, 2]]})");
  const auto r = check(h);
  INFO(json::serialize(r.details));
  CHECK(r.verdict == Verdict::Valid);
  CHECK(r.details.at("acknowledged-count") == 2);
}

TEST_CASE("kafka: lost-write below the highest polled offset, unseen above it") {
  HistoryBuilder h;
  send(h, 0, "a", 1, 0);
  send(h, 0, "a", 2, 1);
  send(h, 0, "a", 3, 2);
  send(h, 0, "a", 4, 3);
  poll(h, 1, R"({"a": [[0, 1], [2, 3]]})");
  const auto r = check(h);
  INFO(json::serialize(r.details));
  CHECK(r.verdict == Verdict::Invalid);
  REQUIRE(has(r, "lost-write"));
  CHECK(first(r, "lost-write").at("value") == 2);
  CHECK(first(r, "lost-write").at("offset") == 1);
  CHECK(has(r, "int-poll-skip"));
  REQUIRE(has(r, "unseen"));
  CHECK(r.details.at("unseen").at("unseen").at("a") == 1);
  CHECK(r.details.at("unseen").at("messages").at("a").as_array() == json::array{4});
}

TEST_CASE("kafka: two messages at one offset, one message at two offsets") {
  HistoryBuilder h;
  send(h, 0, "a", 1, 0);
  send(h, 1, "a", 2, 0);
  poll(h, 2, R"({"a": [[0, 1], [1, 2], [2, 1]]})");
  const auto r = check(h);
  INFO(json::serialize(r.details));
  REQUIRE(has(r, "inconsistent-offsets"));
  CHECK(first(r, "inconsistent-offsets").at("offset") == 0);
  CHECK(first(r, "inconsistent-offsets").at("values").as_array().size() == 2);
  REQUIRE(has(r, "duplicate"));
  CHECK(first(r, "duplicate").at("offsets").as_array().size() >= 2);
}

TEST_CASE("kafka: polls that go back or skip, reset by assign") {
  HistoryBuilder h;
  for (int i = 0; i < 4; ++i) send(h, 0, "a", i + 1, i);
  poll(h, 1, R"({"a": [[0, 1], [1, 2]]})");
  poll(h, 1, R"({"a": [[3, 4]]})");  // skips offset 2
  poll(h, 1, R"({"a": [[0, 1]]})");  // goes back
  h.call(1, "assign", json::array{"a"}, json::object{});
  poll(h, 1, R"({"a": [[0, 1], [1, 2], [2, 3], [3, 4]]})");  // fine after assign
  const auto r = check(h);
  INFO(json::serialize(r.details));
  REQUIRE(has(r, "poll-skip"));
  CHECK(first(r, "poll-skip").at("from-offset") == 1);
  CHECK(first(r, "poll-skip").at("to-offset") == 3);
  CHECK(first(r, "poll-skip").at("skipped-offsets") == 1);
  REQUIRE(has(r, "nonmonotonic-poll"));
  CHECK(r.details.at("error-counts").at("nonmonotonic-poll") == 1);
}

TEST_CASE("kafka: nonmonotonic sends and G1a") {
  HistoryBuilder h;
  send(h, 0, "a", 1, 5);
  send(h, 0, "a", 2, 3);
  send(h, 1, "a", 9, 0, OpType::Fail);
  poll(h, 2, R"({"a": [[3, 2], [4, 9], [5, 1]]})");
  const auto r = check(h);
  INFO(json::serialize(r.details));
  CHECK(has(r, "nonmonotonic-send"));
  REQUIRE(has(r, "G1a"));
  CHECK(first(r, "G1a").at("value") == 9);
}

TEST_CASE("kafka: integer keys (Jepsen's) and string keys (Maelstrom's wire) are one key") {
  HistoryBuilder h;
  send(h, 0, 3, 1, 0);
  poll(h, 1, R"({"3": [[0, 1]]})");
  CHECK(check(h).verdict == Verdict::Valid);
}

TEST_CASE("kafka: a malformed poll is an error naming the op") {
  HistoryBuilder h;
  h.invoke(0, "poll", faultline::history::list_of_one(json::array{"poll"}));
  h.ok(0, "poll", faultline::history::list_of_one(json::array{"poll", json::array{1}}));
  REQUIRE_THROWS_WITH(check(h), Catch::Contains("op 1"));
}

}  // namespace kafka_test
