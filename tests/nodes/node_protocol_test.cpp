// The shipped nodes speak the Maelstrom protocol: init/init_ok, msg_id and
// in_reply_to, error bodies, robustness to bad input. One process per node,
// spoken to over pipes.
#include "node_pipe.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace std::chrono_literals;
namespace json = boost::json;
using nodes_test::NodePipe;

namespace {

const json::object& body_of(const json::object& message) { return message.at("body").as_object(); }

}  // namespace

TEST_CASE("echo answers init and echo with in_reply_to and fresh msg_ids", "[nodes]") {
  NodePipe node("echo");
  REQUIRE(node.init("n1", {"n1", "n2"}));
  node.send("c1", "n1", {{"type", "echo"}, {"echo", "hello"}, {"msg_id", 7}});
  auto reply = node.reply_to(7, 2s);
  REQUIRE(reply);
  CHECK(reply->at("src") == "n1");
  CHECK(reply->at("dest") == "c1");
  const auto& body = body_of(*reply);
  CHECK(body.at("type") == "echo_ok");
  CHECK(body.at("echo") == "hello");
  CHECK(body.at("msg_id").is_int64());
  // A closed reply schema: exactly type, echo, in_reply_to, msg_id.
  CHECK(body.size() == 4);
}

TEST_CASE("unknown request types get error 10, unknown replies get nothing", "[nodes]") {
  NodePipe node("echo");
  REQUIRE(node.init("n1", {"n1"}));
  node.send("c1", "n1", {{"type", "frobnicate"}, {"msg_id", 2}});
  auto reply = node.reply_to(2, 2s);
  REQUIRE(reply);
  CHECK(body_of(*reply).at("type") == "error");
  CHECK(body_of(*reply).at("code") == 10);
  // A stray reply must not be answered (two nodes would ping-pong errors).
  node.send("n2", "n1", {{"type", "frobnicate_ok"}, {"in_reply_to", 55}});
  node.send("c1", "n1", {{"type", "echo"}, {"echo", 1}, {"msg_id", 3}});
  REQUIRE(node.reply_to(3, 2s));
  CHECK(node.skipped().empty());
}

TEST_CASE("bad lines and malformed requests do not stop a node", "[nodes]") {
  NodePipe node("echo");
  REQUIRE(node.init("n1", {"n1"}));
  node.write_line("this is not json");
  node.write_line(R"({"body":{"type":"echo","echo":1,"msg_id":4}})");
  node.send("c1", "n1", {{"type", "echo"}, {"msg_id", 5}});  // no "echo" field
  auto error = node.reply_to(5, 2s);
  REQUIRE(error);
  CHECK(body_of(*error).at("type") == "error");
  CHECK(body_of(*error).at("code") == 12);
  node.send("c1", "n1", {{"type", "echo"}, {"echo", "still here"}, {"msg_id", 6}});
  auto reply = node.reply_to(6, 2s);
  REQUIRE(reply);
  CHECK(body_of(*reply).at("echo") == "still here");
  CHECK(node.skipped().empty());  // the envelope-less echo got no answer
}

TEST_CASE("messages that arrive before init are answered after it", "[nodes]") {
  NodePipe node("echo");
  node.send("n2", "n1", {{"type", "echo"}, {"echo", "early"}, {"msg_id", 9}});
  REQUIRE(node.init("n1", {"n1", "n2"}));
  auto reply = node.reply_to(9, 2s);
  REQUIRE(reply);
  CHECK(reply->at("src") == "n1");
  CHECK(body_of(*reply).at("echo") == "early");
}

TEST_CASE("unique_ids are unique across nodes; unique_ids_broken collide", "[nodes]") {
  auto ids_from = [](const char* binary, const char* id) {
    NodePipe node(binary);
    REQUIRE(node.init(id, {"n1", "n2"}));
    std::vector<std::string> ids;
    for (int i = 2; i < 12; ++i) {
      node.send("c1", id, {{"type", "generate"}, {"msg_id", i}});
      auto reply = node.reply_to(i, 2s);
      REQUIRE(reply);
      REQUIRE(body_of(*reply).at("type") == "generate_ok");
      ids.push_back(json::serialize(body_of(*reply).at("id")));
    }
    return ids;
  };
  auto count_distinct = [](std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    std::sort(a.begin(), a.end());
    return std::unique(a.begin(), a.end()) - a.begin();
  };
  // Two incarnations of n1 as well as n2: a restart must not repeat ids.
  CHECK(count_distinct(ids_from("unique_ids", "n1"), ids_from("unique_ids", "n2")) == 20);
  CHECK(count_distinct(ids_from("unique_ids", "n1"), ids_from("unique_ids", "n1")) == 20);
  CHECK(count_distinct(ids_from("unique_ids_broken", "n1"), ids_from("unique_ids_broken", "n2")) == 10);
}

TEST_CASE("garbage writes bad lines but still answers every echo", "[nodes]") {
  NodePipe node("garbage");
  REQUIRE(node.init("n1", {"n1"}));
  for (int i = 2; i < 11; ++i) {
    node.send("c1", "n1", {{"type", "echo"}, {"echo", i}, {"msg_id", i}});
    auto reply = node.reply_to(i, 2s);
    REQUIRE(reply);
    CHECK(body_of(*reply).at("echo") == i);
  }
  // Nine echoes, every third preceded by one kind of garbage.
  REQUIRE(node.skipped().size() == 3);
  CHECK(node.skipped()[0].find("not JSON") != std::string::npos);
  CHECK(node.skipped()[1].find("\"src\"") == std::string::npos);
  CHECK(node.skipped()[2].find("\"dest\":\"nobody-") != std::string::npos);
}

TEST_CASE("early_exit exits with status 3 about a second after init", "[nodes]") {
  NodePipe node("early_exit");
  REQUIRE(node.init("n1", {"n1"}));
  CHECK_FALSE(node.wait_exit(300ms));  // not at once
  auto status = node.wait_exit(3s);
  REQUIRE(status);
  CHECK(*status == 3);
}

TEST_CASE("no_init never answers init and keeps running", "[nodes]") {
  NodePipe node("no_init");
  CHECK_FALSE(node.init("n1", {"n1"}));
  CHECK_FALSE(node.wait_exit(100ms));
}
