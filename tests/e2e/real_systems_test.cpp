// End to end against real systems from Debian (etcd-server, redis-server):
// the shipped scenarios run through the real faultline binary, clusters
// behind the proxy plane, clients through the shipped adapters. Each verdict
// is the one publicly known for the system, with its evidence, and no
// process is left behind.
#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

#include "faultline_run.hpp"

using faultline::e2e::Outcome;
using faultline::e2e::run_scenario_file;
namespace json = boost::json;

namespace {

Outcome run_shipped(const std::string& name) {
  return run_scenario_file(FAULTLINE_SOURCE_DIR "/scenarios/" + name + ".yaml");
}

std::string dump(const Outcome& o) { return "exit " + std::to_string(o.exit_code) + "\n" + o.output; }

// The index of the first nemesis op `f` (start-kill, stop-kill, ...) at or
// after history line `from` whose description mentions `text`; -1 if none.
long fault_index(const Outcome& out, const std::string& f, const std::string& text = "") {
  for (const auto& op : out.history) {
    if (op.at("process") != "nemesis" || op.at("f") != f.c_str()) continue;
    if (json::serialize(op.at("value")).find(text) != std::string::npos) return op.at("index").as_int64();
  }
  return -1;
}

int count_ops(const Outcome& out, const std::string& type) {
  int n = 0;
  for (const auto& op : out.history)
    if (op.at("type") == type.c_str() && op.at("process") != "nemesis") ++n;
  return n;
}

// ok ops served by `node` after history line `index`.
int ok_on_node_after(const Outcome& out, const std::string& node, long index) {
  int n = 0;
  for (const auto& op : out.history)
    if (op.at("index").as_int64() > index && op.at("type") == "ok" && op.contains("node") &&
        op.at("node") == node.c_str())
      ++n;
  return n;
}

const json::object& linearizable(const Outcome& out) {
  return out.results.at("checkers").at("linearizable").as_object();
}

// The value a lin-kv write or cas op (invoke or completion) leaves in its key.
const json::value& written(const json::object& op) {
  const auto& v = op.at("value").as_array().at(1);
  return op.at("f") == "write" ? v : v.as_array().at(1);
}

bool is_write(const json::object& op) {
  return op.at("process") != "nemesis" && (op.at("f") == "write" || op.at("f") == "cas");
}

// A counterexample (one per bad key) is a stale read: a read that returned
// a value some write had put there, although a write of another value had
// completed (ok) before the read began. Returns the node that served the
// first such read, or "" when no counterexample is one.
std::string stale_read_node(const Outcome& out) {
  for (const auto& entry : linearizable(out).at("invalid").as_array()) {
    const auto& bad = entry.at("op").as_object();
    if (bad.at("f") != "read" || bad.at("type") != "ok") continue;
    const auto invoked = bad.at("invoke_index").as_int64();
    const auto completed = bad.at("complete_index").as_int64();
    const auto& key = bad.at("result").as_array().at(0);
    const auto& value = bad.at("result").as_array().at(1);
    bool missed_a_write = false, value_was_written = false;
    std::string node;
    for (const auto& op : out.history) {
      const auto index = op.at("index").as_int64();
      if (index == invoked) node = std::string(op.at("node").as_string());
      if (!is_write(op) || op.at("value").as_array().at(0) != key) continue;
      if (op.at("type") == "invoke" && index < completed && written(op) == value) value_was_written = true;
      if (op.at("type") == "ok" && index < invoked && written(op) != value) missed_a_write = true;
    }
    if (missed_a_write && value_was_written) return node;
  }
  return "";
}

// ok reads served by `node` while a fault `f` ("partition", ...) was on.
int ok_reads_during(const Outcome& out, const std::string& f, const std::string& node) {
  int n = 0;
  std::map<std::string, long> invoked;  // process -> invoke index
  long start = -1;
  for (const auto& op : out.history) {
    const long index = op.at("index").as_int64();
    if (op.at("process") == "nemesis") {
      if (op.at("f") == ("start-" + f).c_str()) start = index;
      if (op.at("f") == ("stop-" + f).c_str()) start = -1;
      continue;
    }
    const std::string process = json::serialize(op.at("process"));
    if (op.at("type") == "invoke") {
      invoked[process] = index;
    } else if (start >= 0 && invoked[process] > start && op.at("type") == "ok" && op.at("f") == "read" &&
               op.at("node") == node.c_str()) {
      ++n;
    }
  }
  return n;
}

}  // namespace

TEST_CASE("etcd stays linearizable under partitions, a kill with restart and a pause", "[e2e][real][etcd]") {
  const auto out = run_shipped("etcd");
  INFO(dump(out));
  REQUIRE(out.exit_code == 0);
  CHECK(linearizable(out).at("valid") == true);
  CHECK(count_ops(out, "ok") > 50);
  // The faults happened, and the killed member came back with its data and served again.
  CHECK(fault_index(out, "start-partition", "one-way") >= 0);
  CHECK(fault_index(out, "start-pause", "n2") >= 0);
  const long restart = fault_index(out, "stop-kill", "n3");
  REQUIRE(restart >= 0);
  CHECK(ok_on_node_after(out, "n3", restart) > 0);
  CHECK(out.leftover_pids.empty());
}

TEST_CASE("etcd's serializable reads on an isolated member are stale: counterexample", "[e2e][real][etcd]") {
  const auto out = run_shipped("etcd-serializable");
  INFO(dump(out));
  REQUIRE(out.exit_code == 1);
  REQUIRE(linearizable(out).at("valid") == false);
  // Any member may serve a stale serializable read (a follower that has not
  // applied the latest commit yet); n3, cut off from the others, serves
  // them for seconds, since its clients keep reading there.
  CHECK(!stale_read_node(out).empty());
  CHECK(ok_reads_during(out, "partition", "n3") > 0);
  CHECK(out.leftover_pids.empty());
}

TEST_CASE("Redis replicas serve stale reads: counterexample", "[e2e][real][redis]") {
  const auto out = run_shipped("redis-replicas");
  INFO(dump(out));
  REQUIRE(out.exit_code == 1);
  REQUIRE(linearizable(out).at("valid") == false);
  const std::string node = stale_read_node(out);
  CHECK((node == "n2" || node == "n3"));
  CHECK(out.leftover_pids.empty());
}

TEST_CASE("Redis with every op on the primary is linearizable under the same faults", "[e2e][real][redis]") {
  const auto out = run_shipped("redis-primary");
  INFO(dump(out));
  REQUIRE(out.exit_code == 0);
  CHECK(linearizable(out).at("valid") == true);
  CHECK(count_ops(out, "ok") > 50);
  CHECK(fault_index(out, "start-latency") >= 0);
  // redis-server logs on stdout: a tcp node's stdout is its log, not protocol.
  std::ifstream log(out.run_dir / "node-logs" / "n1.log");
  const std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  CHECK(text.find("Ready to accept connections") != std::string::npos);
  CHECK(out.leftover_pids.empty());
}
