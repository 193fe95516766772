// End to end for the transactional and log workloads (txn-list-append,
// txn-rw-register, kafka, bank): each correct node in nodes/ is valid with
// its owner partitioned away, under loss and duplication, and each broken
// one is invalid with the checker naming the anomaly and its evidence.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include "faultline_run.hpp"

using faultline::e2e::checker;
using faultline::e2e::dump;
using faultline::e2e::node_binary;
using faultline::e2e::Outcome;
using faultline::e2e::run_check;
using faultline::e2e::run_scenario_text;
namespace json = boost::json;

namespace transactions_test {

// 3 s runs on 3 nodes: the owner (n1) is cut off from 1 s to 2.5 s, 5% of
// messages are lost and 5% duplicated.
std::string scenario(const std::string& node, const std::string& workload, const std::string& params = "",
                     int seed = 41) {
  return "name: txn-e2e\nseed: " + std::to_string(seed) +
         "\ntime_limit: 3s\nnodes:\n  count: 3\n  command: [" + node_binary(node) +
         "]\n  init_timeout: 2s\n"
         "network:\n  latency: {distribution: exponential, mean: 2ms}\n  loss: 5%\n  duplicate: 5%\n"
         "workload:\n  type: " +
         workload + "\n  rate: 100\n  concurrency: 2n\n  timeout: 1s\n  quiesce: 1s\n" +
         (params.empty() ? "" : "  params: " + params + "\n") +
         "nemesis:\n  - {at: 1s, for: 1500ms, fault: {type: partition, shape: isolate, targets: [n1]}}\n";
}

std::set<std::string> strings(const json::value& v) {
  std::set<std::string> out;
  for (const auto& s : v.as_array()) out.insert(std::string(s.as_string()));
  return out;
}

void require_valid(const Outcome& out, const std::string& name) {
  REQUIRE(out.exit_code == 0);
  CHECK(checker(out, name).at("valid") == true);
  CHECK(checker(out, "stats").at("valid") == true);
  CHECK(out.results.at("network").at("all").at("dropped").as_int64() > 0);
  CHECK(out.leftover_pids.empty());
}

// Every step of an anomaly's cycle names its edge type and says why.
void check_cycle(const json::object& anomaly) {
  const auto& steps = anomaly.at("steps").as_array();
  REQUIRE(steps.size() >= 2);
  CHECK(anomaly.at("cycle").as_array().size() == steps.size());
  for (const auto& s : steps) {
    CHECK(!s.at("because").as_string().empty());
    CHECK(std::string(s.at("because").as_string()).find("precedes") == std::string::npos);
  }
}

TEST_CASE("txn_store is strict serializable for list-append and rw-register", "[e2e][txn]") {
  for (const auto& [workload, check] :
       {std::pair{"txn-list-append", "list-append"}, std::pair{"txn-rw-register", "rw-register"}}) {
    const auto out = run_scenario_text(scenario("txn_store", workload));
    INFO(dump(out));
    require_valid(out, check);
    const auto& c = checker(out, check);
    CHECK(c.at("consistency-model") == "strict-serializable");
    CHECK(c.at("ok-count").as_int64() > 100);
    CHECK(c.at("info-count").as_int64() > 0);  // the partition cut some clients off
    CHECK(c.at("anomaly-types").as_array().empty());
  }
}

TEST_CASE("txn_snapshot shows G-single / G2-item on lists, with each cycle explained", "[e2e][txn]") {
  const auto out = run_scenario_text(scenario("txn_snapshot", "txn-list-append"));
  INFO(dump(out));
  REQUIRE(out.exit_code == 1);
  const auto& c = checker(out, "list-append");
  CHECK(c.at("valid") == false);
  const auto types = strings(c.at("anomaly-types"));
  REQUIRE((types.contains("G-single") || types.contains("G2-item")));
  check_cycle(
      c.at("anomalies").at(types.contains("G-single") ? "G-single" : "G2-item").as_array().at(0).as_object());
  CHECK(strings(c.at("also-not")).contains("strict-serializable"));
  CHECK(out.leftover_pids.empty());
}

TEST_CASE("txn_snapshot loses updates on registers", "[e2e][txn]") {
  const auto out = run_scenario_text(
      scenario("txn_snapshot", "txn-rw-register", "{consistency_model: snapshot-isolation}"));
  INFO(dump(out));
  REQUIRE(out.exit_code == 1);
  const auto& c = checker(out, "rw-register");
  CHECK(c.at("consistency-model") == "snapshot-isolation");
  REQUIRE(strings(c.at("anomaly-types")).contains("lost-update"));
  const auto& lost = c.at("anomalies").at("lost-update").as_array().at(0).as_object();
  CHECK(lost.at("ops").as_array().size() >= 2);
  CHECK(strings(c.at("not")).contains("snapshot-isolation"));
}

TEST_CASE("kafka_log keeps every acknowledged message, in order", "[e2e][kafka]") {
  const auto out = run_scenario_text(scenario("kafka_log", "kafka"));
  INFO(dump(out));
  require_valid(out, "kafka");
  const auto& c = checker(out, "kafka");
  CHECK(c.at("acknowledged-count").as_int64() > 50);
  CHECK(c.at("error-types").as_array().empty());
  int final_polls = 0;
  for (const auto& op : out.history) {
    const auto* fin = op.if_contains("final");
    if (fin && *fin == true && op.at("f") == "poll" && op.at("type") == "ok") ++final_polls;
  }
  CHECK(final_polls >= 6);
}

TEST_CASE("kafka_lossy acknowledges sends it then loses or misplaces", "[e2e][kafka]") {
  const auto out = run_scenario_text(scenario("kafka_lossy", "kafka"));
  INFO(dump(out));
  REQUIRE(out.exit_code == 1);
  const auto& c = checker(out, "kafka");
  const auto types = strings(c.at("bad-error-types"));
  CHECK((types.contains("lost-write") || types.contains("unseen") || types.contains("inconsistent-offsets")));
  if (types.contains("inconsistent-offsets")) {
    const auto& e = c.at("errors").at("inconsistent-offsets").as_array().at(0).as_object();
    CHECK(e.at("values").as_array().size() >= 2);
  }
}

TEST_CASE("bank conserves money, bank_broken shows reads with the wrong total", "[e2e][bank]") {
  const auto good = run_scenario_text(scenario("bank", "bank"));
  INFO(dump(good));
  require_valid(good, "bank");
  CHECK(checker(good, "bank").at("total") == 100);
  CHECK(checker(good, "bank").at("read-count").as_int64() > 50);

  const auto bad = run_scenario_text(scenario("bank_broken", "bank"));
  INFO(dump(bad));
  REQUIRE(bad.exit_code == 1);
  const auto& c = checker(bad, "bank");
  REQUIRE(strings(c.at("error-types")).contains("wrong-total"));
  const auto& wrong = c.at("errors").at("wrong-total").as_array().at(0).as_object();
  CHECK(wrong.at("total") != 100);
  CHECK(wrong.at("op").at("f") == "read");
}

TEST_CASE("faultline check judges Jepsen's independent histories key by key", "[e2e][check]") {
  const auto dir = std::filesystem::temp_directory_path() / ("fl-check-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  // A Jepsen independent set history in EDN: key 1 keeps its element, key 2 loses one.
  const auto edn = dir / "history.edn";
  std::ofstream(edn) << "{:type :invoke, :f :add, :value [1 10], :process 0, :time 1, :index 0}\n"
                        "{:type :ok, :f :add, :value [1 10], :process 0, :time 2, :index 1}\n"
                        "{:type :invoke, :f :add, :value [2 20], :process 1, :time 3, :index 2}\n"
                        "{:type :ok, :f :add, :value [2 20], :process 1, :time 4, :index 3}\n"
                        "{:type :invoke, :f :read, :value [1 nil], :process 0, :time 5, :index 4}\n"
                        "{:type :ok, :f :read, :value [1 #{10}], :process 0, :time 6, :index 5}\n"
                        "{:type :invoke, :f :read, :value [2 nil], :process 1, :time 7, :index 6}\n"
                        "{:type :ok, :f :read, :value [2 #{}], :process 1, :time 8, :index 7}\n";
  std::string text;
  CHECK(run_check("--checker set-full --keyed " + edn.string(), &text) == 1);
  INFO(text);
  const auto failures = text.find("\"failures\"");
  REQUIRE(failures != std::string::npos);
  const std::string listed = text.substr(failures, text.find(']', failures) - failures);
  CHECK(listed.find('2') != std::string::npos);
  CHECK(listed.find('1') == std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace transactions_test
