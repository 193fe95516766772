#include <catch2/catch.hpp>

#include "workloads/broadcast.hpp"
#include "workloads/counter.hpp"
#include "workloads/g_set.hpp"
#include "workloads/queue.hpp"

using namespace faultline;
using namespace faultline::workloads;
namespace json = boost::json;

namespace delivery_codec_test {

WorkloadContext context() {
  WorkloadContext c;
  c.nodes = {"n1", "n2", "n3"};
  c.concurrency = 3;
  return c;
}

json::object reply(json::object body) {
  body["in_reply_to"] = 4;
  body["msg_id"] = 9;
  return body;
}

// The op completed as info and the reason says what was wrong.
void check_violation(const Outcome& out, const std::string& reason) {
  CHECK(out.type == history::OpType::Info);
  REQUIRE(out.error.is_string());
  INFO(out.error.as_string());
  CHECK(std::string(out.error.as_string()).find("malformed reply") != std::string::npos);
  CHECK(std::string(out.error.as_string()).find(reason) != std::string::npos);
}

TEST_CASE("broadcast encodes and decodes Maelstrom's messages", "[broadcast][codec]") {
  BroadcastWorkload w(context());
  const Invocation bcast{"broadcast", 12};
  const Invocation read{"read", nullptr};
  CHECK(w.encode(bcast) == json::object{{"type", "broadcast"}, {"message", 12}});
  CHECK(w.encode(read) == json::object{{"type", "read"}});

  auto ok = w.decode(bcast, reply({{"type", "broadcast_ok"}}));
  CHECK(ok.type == history::OpType::Ok);
  CHECK(ok.value == 12);
  // Duplicates survive decoding, so a checker can see them.
  auto r = w.decode(read, reply({{"type", "read_ok"}, {"messages", json::array{3, 1, 3}}}));
  CHECK(r.type == history::OpType::Ok);
  CHECK(r.value == json::array{3, 1, 3});
}

TEST_CASE("broadcast schema violations complete as info with the reason", "[broadcast][codec]") {
  BroadcastWorkload w(context());
  const Invocation bcast{"broadcast", 12};
  const Invocation read{"read", nullptr};
  check_violation(w.decode(read, reply({{"type", "read_ok"}})), "lacks field 'messages'");
  check_violation(w.decode(read, reply({{"type", "read_ok"}, {"messages", 5}})),
                  "field 'messages' should be an array");
  check_violation(w.decode(read, reply({{"type", "read_ok"}, {"messages", json::array{}}, {"extra", 1}})),
                  "unexpected field 'extra'");
  check_violation(w.decode(bcast, reply({{"type", "broadcast_ok"}, {"message", 12}})),
                  "unexpected field 'message'");
  check_violation(w.decode(bcast, reply({{"type", "read_ok"}, {"messages", json::array{}}})),
                  "expected a reply of type broadcast_ok");
}

TEST_CASE("g-set reads `value`, not the docs' `elements`", "[g-set][codec]") {
  GSetWorkload w;
  const Invocation add{"add", 4};
  const Invocation read{"read", nullptr};
  CHECK(w.encode(add) == json::object{{"type", "add"}, {"element", 4}});
  CHECK(w.decode(add, reply({{"type", "add_ok"}})).value == 4);
  auto r = w.decode(read, reply({{"type", "read_ok"}, {"value", json::array{0, 4}}}));
  CHECK(r.type == history::OpType::Ok);
  CHECK(r.value == json::array{0, 4});
  check_violation(w.decode(read, reply({{"type", "read_ok"}, {"elements", json::array{0}}})),
                  "lacks field 'value'");
  check_violation(w.decode(read, reply({{"type", "read_ok"}, {"value", "0,4"}})), "should be an array");
}

TEST_CASE("counters encode deltas and insist on an integer total", "[counter][codec]") {
  CounterWorkload w(CounterKind::PositiveNegative);
  const Invocation add{"add", -3};
  const Invocation read{"read", nullptr};
  CHECK(w.encode(add) == json::object{{"type", "add"}, {"delta", -3}});
  CHECK(w.encode(read) == json::object{{"type", "read"}});
  auto a = w.decode(add, reply({{"type", "add_ok"}}));
  CHECK(a.type == history::OpType::Ok);
  CHECK(a.value == -3);
  auto r = w.decode(read, reply({{"type", "read_ok"}, {"value", 41}}));
  CHECK(r.type == history::OpType::Ok);
  CHECK(r.value == 41);
  check_violation(w.decode(read, reply({{"type", "read_ok"}, {"value", "41"}})), "should be an integer");
  check_violation(w.decode(read, reply({{"type", "read_ok"}, {"value", 4.5}})), "should be an integer");
  check_violation(w.decode(add, reply({{"type", "add_ok"}, {"value", 1}})), "unexpected field 'value'");
}

TEST_CASE("queue encodes its three requests and checks its replies", "[queue][codec]") {
  QueueWorkload w(context());
  const Invocation enq{"enqueue", 5};
  const Invocation deq{"dequeue", nullptr};
  const Invocation ack{"ack", 5};
  CHECK(w.encode(enq) == json::object{{"type", "enqueue"}, {"value", 5}});
  CHECK(w.encode(deq) == json::object{{"type", "dequeue"}});
  CHECK(w.encode(ack) == json::object{{"type", "ack"}, {"value", 5}});
  CHECK(w.decode(enq, reply({{"type", "enqueue_ok"}})).type == history::OpType::Ok);
  CHECK(w.decode(ack, reply({{"type", "ack_ok"}})).type == history::OpType::Ok);
  auto d = w.decode(deq, reply({{"type", "dequeue_ok"}, {"value", 5}}));
  CHECK(d.type == history::OpType::Ok);
  CHECK(d.value == 5);
  check_violation(w.decode(deq, reply({{"type", "dequeue_ok"}})), "lacks field 'value'");
  check_violation(w.decode(enq, reply({{"type", "dequeue_ok"}, {"value", 5}})),
                  "expected a reply of type enqueue_ok");
  check_violation(w.decode(ack, reply({{"type", "ack_ok"}, {"value", 5}})), "unexpected field 'value'");
  CHECK_FALSE(w.idempotent(deq));
  CHECK_FALSE(w.idempotent(enq));
}

}  // namespace delivery_codec_test
