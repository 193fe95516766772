// End to end against real systems from Debian (etcd-server, redis-server):
// the shipped scenarios run through the real faultline binary, clusters
// behind the proxy plane, clients through the shipped adapters. Each verdict
// is the one publicly known for the system, with its evidence, and no
// process is left behind.
#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "faultline_run.hpp"

using faultline::e2e::dump;
using faultline::e2e::Outcome;
using faultline::e2e::run_scenario_file;
namespace json = boost::json;

namespace real_systems_test {

Outcome run_shipped(const std::string& name) {
  return run_scenario_file(FAULTLINE_SOURCE_DIR "/scenarios/" + name + ".yaml");
}

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

// A client op as invoked and completed: the completion's type ("ok", "fail",
// "info", or "" when it never completed), the invoke's node, both indices.
struct PairedOp {
  const json::object* invoke = nullptr;
  const json::object* completion = nullptr;
  long invoked = 0;
  long completed = std::numeric_limits<long>::max();
  std::string type() const { return completion ? std::string(completion->at("type").as_string()) : ""; }
};

std::vector<PairedOp> paired_ops(const Outcome& out) {
  std::vector<PairedOp> ops;
  std::map<std::string, std::size_t> open;  // process -> its pending op
  for (const auto& op : out.history) {
    if (op.at("process") == "nemesis") continue;
    const std::string process = json::serialize(op.at("process"));
    if (op.at("type") == "invoke") {
      open[process] = ops.size();
      ops.push_back({&op, nullptr, op.at("index").as_int64()});
    } else if (auto it = open.find(process); it != open.end()) {
      ops[it->second].completion = &op;
      ops[it->second].completed = op.at("index").as_int64();
      open.erase(it);
    }
  }
  return ops;
}

// The node that served the first definitely stale read in the history, or ""
// if none: an ok read of key k returned v although a write of another value
// to k had completed (ok) before the read began, and every write of v that
// may have taken effect before the read returned (ok or indeterminate,
// invoked before that return) had completed before that write began. This is the anomaly the
// scenario is about, found independently of the checker, whose
// counterexample is the op where its search got stuck: the stale read
// itself, or a later op the stale read made impossible.
std::string stale_read_node(const Outcome& out) {
  const auto ops = paired_ops(out);
  for (const auto& read : ops) {
    if (read.type() != "ok" || read.invoke->at("f") != "read") continue;
    const auto& key = read.completion->at("value").as_array().at(0);
    const auto& value = read.completion->at("value").as_array().at(1);
    if (value.is_null()) continue;
    auto writes_of = [&](const PairedOp& op) {
      return is_write(*op.invoke) && op.invoke->at("value").as_array().at(0) == key;
    };
    for (const auto& newer : ops) {
      if (!writes_of(newer) || newer.type() != "ok" || newer.completed > read.invoked) continue;
      if (written(*newer.invoke) == value) continue;
      bool overwritten = true;
      for (const auto& older : ops)
        if (writes_of(older) && older.type() != "fail" && written(*older.invoke) == value &&
            older.invoked < read.completed && older.completed > newer.invoked)
          overwritten = false;
      if (overwritten) return std::string(read.invoke->at("node").as_string());
    }
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
  CHECK(linearizable(out).at("invalid").as_array().at(0).at("op").at("f").is_string());
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

}  // namespace real_systems_test
