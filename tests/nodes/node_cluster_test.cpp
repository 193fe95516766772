// The delivery nodes under faults, in a tiny in-test network: each test
// routes node-to-node lines itself and can partition (drop everything
// between nodes) or duplicate (deliver every node message twice). The
// correct node of each pair must survive what its broken twin must not.
#include "node_pipe.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>
#include <filesystem>
#include <map>
#include <memory>
#include <set>

using namespace std::chrono_literals;
namespace json = boost::json;
using nodes_test::NodePipe;

namespace {

class Net {
 public:
  Net(const std::string& binary, int size, std::vector<std::string> args = {})
      : binary_(binary), args_(args) {
    for (int i = 1; i <= size; ++i) ids_.push_back("n" + std::to_string(i));
    for (const auto& id : ids_) start(id);
  }

  void start(const std::string& id) {
    nodes_[id] = std::make_unique<NodePipe>(binary_, args_);
    REQUIRE(nodes_[id]->init(id, ids_));
  }
  void restart(const std::string& id) {
    nodes_[id]->kill();
    start(id);
  }

  bool partitioned = false;
  int copies = 1;

  // Routes every line the nodes write for `duration`.
  void pump(std::chrono::milliseconds duration) {
    const auto deadline = std::chrono::steady_clock::now() + duration;
    do {
      bool idle = true;
      for (auto& [id, node] : nodes_)
        while (auto line = node->read_line(0ms)) {
          idle = false;
          route(*line);
        }
      if (idle) ::usleep(1000);
    } while (std::chrono::steady_clock::now() < deadline);
  }

  // A client request to one node; the network keeps running meanwhile.
  std::optional<json::object> call(const std::string& id, json::object body,
                                   std::chrono::milliseconds timeout = 3000ms) {
    return await(request(id, std::move(body)), timeout);
  }
  std::int64_t request(const std::string& id, json::object body) {
    const std::int64_t msg_id = next_msg_id_++;
    body["msg_id"] = msg_id;
    nodes_.at(id)->send("c1", id, std::move(body));
    return msg_id;
  }
  std::optional<json::object> await(std::int64_t msg_id, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
      if (auto it = replies_.find(msg_id); it != replies_.end()) return it->second;
      if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
      pump(5ms);
    }
  }

  const std::vector<std::string>& ids() const { return ids_; }

 private:
  void route(const std::string& line) {
    json::value v = json::parse(line);  // the correct nodes write only JSON
    const auto& message = v.as_object();
    const std::string dest(message.at("dest").as_string());
    const auto& body = message.at("body").as_object();
    if (dest == "c1") {
      if (auto* irt = body.if_contains("in_reply_to")) replies_[irt->as_int64()] = body;
      return;
    }
    if (partitioned || !nodes_.count(dest)) return;
    for (int i = 0; i < copies; ++i) nodes_[dest]->write_line(line);
  }

  std::string binary_;
  std::vector<std::string> args_;
  std::vector<std::string> ids_;
  std::map<std::string, std::unique_ptr<NodePipe>> nodes_;
  std::map<std::int64_t, json::object> replies_;
  std::int64_t next_msg_id_ = 100;
};

std::string type_of(const std::optional<json::object>& body) {
  return body ? std::string(body->at("type").as_string()) : "(no reply)";
}

// Broadcasts 0..4 to n1 during a partition, heals, waits, and returns
// what n3 (two hops away on a line) has.
std::set<std::int64_t> broadcast_across_healed_partition(const std::string& binary) {
  Net net(binary, 3);
  json::object topology{
      {"n1", json::array{"n2"}}, {"n2", json::array{"n1", "n3"}}, {"n3", json::array{"n2"}}};
  for (const auto& id : net.ids())
    REQUIRE(type_of(net.call(id, {{"type", "topology"}, {"topology", topology}})) == "topology_ok");
  net.partitioned = true;
  for (int v = 0; v < 5; ++v)
    REQUIRE(type_of(net.call("n1", {{"type", "broadcast"}, {"message", v}})) == "broadcast_ok");
  net.pump(200ms);
  net.partitioned = false;
  net.pump(1500ms);
  auto read = net.call("n3", {{"type", "read"}});
  REQUIRE(type_of(read) == "read_ok");
  std::set<std::int64_t> seen;
  for (const auto& v : read->at("messages").as_array()) seen.insert(v.as_int64());
  return seen;
}

std::int64_t counter_after_faults(const std::string& binary, bool partition, int copies) {
  Net net(binary, 3);
  net.partitioned = partition;
  net.copies = copies;
  for (int i = 0; i < 6; ++i)
    REQUIRE(type_of(net.call(net.ids()[i % 3], {{"type", "add"}, {"delta", i - 1}})) == "add_ok");  // sum 9
  net.pump(100ms);
  net.partitioned = false;
  net.pump(1000ms);
  auto read = net.call("n3", {{"type", "read"}});
  REQUIRE(type_of(read) == "read_ok");
  return read->at("value").as_int64();
}

}  // namespace

TEST_CASE("broadcast delivers values sent into a partition once it heals", "[nodes][faults]") {
  CHECK(broadcast_across_healed_partition("broadcast") == std::set<std::int64_t>{0, 1, 2, 3, 4});
}

TEST_CASE("broadcast_broken loses values sent into a partition", "[nodes][faults]") {
  CHECK(broadcast_across_healed_partition("broadcast_broken").empty());
}

TEST_CASE("g_set converges after a partition heals", "[nodes][faults]") {
  Net net("g_set", 3);
  net.partitioned = true;
  REQUIRE(type_of(net.call("n1", {{"type", "add"}, {"element", 1}})) == "add_ok");
  REQUIRE(type_of(net.call("n2", {{"type", "add"}, {"element", "two"}})) == "add_ok");
  net.pump(300ms);
  auto cut_off = net.call("n3", {{"type", "read"}});
  CHECK(cut_off->at("value").as_array().empty());
  net.partitioned = false;
  net.pump(800ms);
  auto read = net.call("n3", {{"type", "read"}});
  REQUIRE(type_of(read) == "read_ok");
  CHECK(read->at("value").as_array().size() == 2);
}

TEST_CASE("pn_counter and g_counter converge under partition and duplication", "[nodes][faults]") {
  CHECK(counter_after_faults("pn_counter", true, 2) == 9);
  CHECK(counter_after_faults("g_counter", true, 2) == 9);
}

TEST_CASE("counter_broken over-counts duplicated messages and misses partitioned ones", "[nodes][faults]") {
  CHECK(counter_after_faults("counter_broken", false, 2) > 9);
  CHECK(counter_after_faults("counter_broken", true, 1) < 9);
}

TEST_CASE("queue is exactly-once and FIFO through followers under duplication", "[nodes][faults]") {
  Net net("queue", 3);
  net.copies = 2;
  for (int v = 0; v < 4; ++v)
    REQUIRE(type_of(net.call(net.ids()[1 + v % 2], {{"type", "enqueue"}, {"value", v}})) == "enqueue_ok");
  std::vector<std::int64_t> got;
  for (int i = 0; i < 4; ++i) {
    auto reply = net.call("n3", {{"type", "dequeue"}});
    REQUIRE(type_of(reply) == "dequeue_ok");
    got.push_back(reply->at("value").as_int64());
  }
  CHECK(got == std::vector<std::int64_t>{0, 1, 2, 3});
  auto empty = net.call("n2", {{"type", "dequeue"}});
  REQUIRE(type_of(empty) == "error");
  CHECK(empty->at("code") == 20);
}

TEST_CASE("queue followers retry through a short partition instead of failing", "[nodes][faults]") {
  Net net("queue", 3);
  net.partitioned = true;
  const auto msg_id = net.request("n2", {{"type", "enqueue"}, {"value", 42}});
  CHECK_FALSE(net.await(msg_id, 600ms));  // the leader is unreachable: no answer yet
  net.partitioned = false;
  auto reply = net.await(msg_id, 2000ms);
  REQUIRE(type_of(reply) == "enqueue_ok");
  auto dequeued = net.call("n1", {{"type", "dequeue"}});
  REQUIRE(type_of(dequeued) == "dequeue_ok");
  CHECK(dequeued->at("value") == 42);
}

TEST_CASE("queue_lossy acknowledges enqueues it then loses", "[nodes][faults]") {
  Net net("queue_lossy", 3);
  net.partitioned = true;
  REQUIRE(type_of(net.call("n2", {{"type", "enqueue"}, {"value", 7}})) == "enqueue_ok");
  net.partitioned = false;
  net.pump(500ms);
  auto reply = net.call("n1", {{"type", "dequeue"}});
  REQUIRE(type_of(reply) == "error");
  CHECK(reply->at("code") == 20);
}

TEST_CASE("queue_redeliver hands out an unacked value again", "[nodes][faults]") {
  Net net("queue_redeliver", 3);
  REQUIRE(type_of(net.call("n2", {{"type", "enqueue"}, {"value", 5}})) == "enqueue_ok");
  auto first = net.call("n2", {{"type", "dequeue"}});
  REQUIRE(type_of(first) == "dequeue_ok");
  net.pump(500ms);
  auto second = net.call("n3", {{"type", "dequeue"}});
  REQUIRE(type_of(second) == "dequeue_ok");
  CHECK(second->at("value") == first->at("value"));
}

TEST_CASE("persistent_counter keeps acknowledged adds across kill -9; memory_counter does not",
          "[nodes][faults]") {
  auto after_restart = [](const std::string& binary) {
    const auto dir =
        std::filesystem::temp_directory_path() / ("fl_nodes_test_" + std::to_string(::getpid()) + binary);
    std::filesystem::remove_all(dir);
    std::int64_t value;
    {
      Net net(binary, 1, {"--data-dir", dir.string()});
      for (int d : {3, 4, -2}) REQUIRE(type_of(net.call("n1", {{"type", "add"}, {"delta", d}})) == "add_ok");
      net.restart("n1");
      auto read = net.call("n1", {{"type", "read"}});
      REQUIRE(type_of(read) == "read_ok");
      value = read->at("value").as_int64();
    }
    std::filesystem::remove_all(dir);
    return value;
  };
  CHECK(after_restart("persistent_counter") == 5);
  CHECK(after_restart("memory_counter") == 0);
}
