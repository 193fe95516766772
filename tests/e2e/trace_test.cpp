// End to end, issue 14.10: `network.trace` writes every message event of a
// real run to trace.jsonl. Under a partition isolating n1, the trace must
// show the sends, the deliveries on open links and the drops, and every
// drop must be on a cut link and inside the window; without the key there is
// no file.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "faultline_run.hpp"

namespace json = boost::json;
using faultline::e2e::node_binary;
using faultline::e2e::run_scenario_text;

namespace trace_test {

std::string scenario(bool trace) {
  return "name: trace-partition\nseed: 3\ntime_limit: 2500ms\nnodes:\n  count: 3\n  command: [" +
         node_binary("broadcast") + "]\n" + (trace ? "network:\n  trace: true\n" : "") +
         "workload:\n  type: broadcast\n  rate: 40\n  concurrency: 1n\n  timeout: 500ms\n  quiesce: 1s\n"
         "  params: {topology: total}\n"
         "nemesis:\n  - {at: 700ms, for: 1s, fault: {type: partition, shape: isolate, targets: [n1]}}\n";
}

std::int64_t time_of(const json::object& o, const char* key) {
  return json::value_to<std::int64_t>(o.at(key));
}

TEST_CASE("network.trace records sends, deliveries and the partition's drops on the cut links",
          "[e2e][trace]") {
  const auto out = run_scenario_text(scenario(true));
  INFO("exit " << out.exit_code << "\n" << out.output);
  REQUIRE(out.exit_code == 0);
  CHECK(out.leftover_pids.empty());
  std::int64_t cut_from = -1, cut_to = -1;
  for (const auto& op : out.history) {
    if (op.at("f") == "start-partition") cut_from = time_of(op, "time");
    if (op.at("f") == "stop-partition") cut_to = time_of(op, "time");
  }
  REQUIRE(cut_from > 0);
  REQUIRE(cut_to > cut_from);

  std::ifstream in(out.run_dir / "trace.jsonl");
  REQUIRE(in);
  std::map<std::string, int> events;
  std::map<std::int64_t, std::pair<std::string, std::string>> sent;  // id -> link
  std::set<std::string> types;
  int drops_in_window = 0, lines = 0;
  std::string line;
  std::int64_t last_t = 0;
  while (std::getline(in, line)) {
    ++lines;
    INFO("line " << lines << ": " << line);
    const json::object e = json::parse(line).as_object();
    const std::string event(e.at("event").as_string());
    ++events[event];
    REQUIRE(event != "cut");
    const std::int64_t t = time_of(e, "t"), id = time_of(e, "id");
    CHECK(t >= last_t);  // written as it happened
    last_t = t;
    const std::string src(e.at("src").as_string()), dst(e.at("dst").as_string());
    if (event == "send") {
      sent[id] = {src, dst};
      if (e.contains("type")) types.insert(std::string(e.at("type").as_string()));
      CHECK(e.at("body").is_object());
      continue;
    }
    // Every other event is of a message sent before, on the same link.
    REQUIRE(sent.count(id) == 1);
    CHECK(sent[id] == std::make_pair(src, dst));
    const bool cut_link = (src == "n1" || dst == "n1") && src[0] == 'n' && dst[0] == 'n';
    if (event == "drop") {
      // No loss and no killed node: the partition is the only reason to drop.
      CHECK(e.at("why").as_string().starts_with("partition"));
      CHECK(cut_link);
      CHECK(t >= cut_from);
      CHECK(t <= cut_to);
      ++drops_in_window;
    }
    if (event == "deliver" && cut_link) CHECK((t < cut_from || t > cut_to));
  }
  CHECK(events["send"] > 50);
  CHECK(events["deliver"] > 50);
  CHECK(drops_in_window > 0);
  CHECK(events["duplicate"] == 0);
  CHECK(types.count("broadcast") == 1);
  CHECK(types.count("broadcast_ok") == 1);
  CHECK(types.count("init") == 1);
  // The report draws it.
  std::ifstream report(out.run_dir / "report.html");
  const std::string html((std::istreambuf_iterator<char>(report)), std::istreambuf_iterator<char>());
  CHECK(html.find("<svg class=\"plot messages\"") != std::string::npos);
  CHECK(html.find("<path class=\"drop-mark\"") != std::string::npos);
}

TEST_CASE("without network.trace a run writes no trace", "[e2e][trace]") {
  const auto out = run_scenario_text(scenario(false));
  INFO("exit " << out.exit_code << "\n" << out.output);
  REQUIRE(out.exit_code == 0);
  CHECK_FALSE(std::filesystem::exists(out.run_dir / "trace.jsonl"));
  CHECK(std::filesystem::exists(out.run_dir / "history.jsonl"));
}

}  // namespace trace_test
