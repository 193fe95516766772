// End to end against real systems from Debian (etcd-server, redis-server):
// the shipped scenarios run through the real faultline binary, clusters
// behind the proxy plane, clients through the shipped adapters. Each verdict
// is the one publicly known for the system, with its evidence, and no
// process is left behind.
#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <map>

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

// A completed write or cas of lin-kv: its key, the value it left, and when
// it was invoked and completed (history lines).
struct Write {
  json::value key, value;
  long invoked = 0, completed = 0;
};

std::vector<Write> ok_writes(const Outcome& out) {
  std::vector<Write> writes;
  std::map<std::string, long> pending;  // process -> invoke index
  for (const auto& op : out.history) {
    if (op.at("process") == "nemesis") continue;
    const std::string process = json::serialize(op.at("process"));
    if (op.at("type") == "invoke") {
      pending[process] = op.at("index").as_int64();
      continue;
    }
    if (op.at("type") != "ok" || (op.at("f") != "write" && op.at("f") != "cas")) continue;
    const auto& v = op.at("value").as_array();
    writes.push_back({v.at(0), op.at("f") == "write" ? v.at(1) : v.at(1).as_array().at(1), pending[process],
                      op.at("index").as_int64()});
  }
  return writes;
}

// The counterexample is a stale read: a read that returned a value which a
// write completed before the read began had already replaced (and the value
// it returned was written before that write began). Returns the node that
// served the read, or "" when the counterexample is not one.
std::string stale_read_node(const Outcome& out) {
  const auto& bad = linearizable(out).at("invalid").as_array().at(0).as_object().at("op").as_object();
  if (bad.at("f") != "read" || bad.at("type") != "ok") return "";
  const long invoked = bad.at("invoke_index").as_int64();
  const auto& read = bad.at("result").as_array();
  const auto writes = ok_writes(out);
  for (const auto& newer : writes) {
    if (newer.key != read.at(0) || newer.completed >= invoked || newer.value == read.at(1)) continue;
    for (const auto& older : writes)
      if (older.key == read.at(0) && older.value == read.at(1) && older.completed < newer.invoked)
        for (const auto& op : out.history)
          if (op.at("index") == invoked) return std::string(op.at("node").as_string());
  }
  return "";
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
  // n3 is the member cut off from the others; its clients keep reading there.
  CHECK(stale_read_node(out) == "n3");
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
