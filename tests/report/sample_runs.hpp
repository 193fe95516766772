#pragma once
// Three run dirs as `faultline run` leaves them: valid, invalid (a lost
// element, with a partition), unknown; plus counter and linearizability
// evidence. Shared by the report and the Chromium tests.
#include <filesystem>
#include <string>

#include "run_fixture.hpp"

namespace faultline::test {

inline std::string results_json(const std::string& verdict_json, const std::string& verdict,
                                const std::string& reason, int exit_code, const std::string& checkers,
                                const std::string& faults = "[]") {
  return R"({"valid":)" + verdict_json + R"(,"verdict":")" + verdict + R"(","reason":)" + reason +
         R"(,"name":"g-set-partition","seed":42,"scenario_path":"scenarios/g-set.yaml",)"
         R"("scenario":{"name":"g-set-partition","workload":{"type":"g-set"}},)"
         R"("replay":"faultline run scenarios/g-set.yaml --seed 42","started_at":"2026-11-24T12:00:00Z",)"
         R"("duration_s":1.5,"time_limit_s":1.0,"exit_code":)" +
         std::to_string(exit_code) +
         R"(,"error":null,"nodes":["n1","n2","n3"],"workload":"g-set","checkers":)" + checkers +
         R"(,"network":{"all":{"sent":120,"delivered":100,"dropped":20,"duplicated":0},)"
         R"("clients":{"sent":40,"delivered":40,"dropped":0,"duplicated":0},"msgs_per_op":3.1},)"
         R"("ops":{"invoke":7,"ok":7,"fail":0,"info":0},)"
         R"("protocol_errors":{"count":1,"first":[{"node":"n2","line":"hello <world>","reason":"not JSON"}]},)"
         R"("faults":)" +
         faults + "}";
}

// Adds 1..5, a partition isolating n3 during the adds of 3 and 4, then final reads.
inline std::string set_history(bool lose_three) {
  HistoryBuilder h;
  for (int e = 1; e <= 5; ++e) {
    const std::string p = std::to_string(e % 2);
    if (e == 3)
      h.op("\"nemesis\"", "info", "start-partition",
           R"({"fault":1,"kind":"partition","description":"isolate n3","nodes":["n3"]})", 250);
    h.op(p, "invoke", "add", std::to_string(e), e * 100, R"(,"node":"n1")");
    h.op(p, "ok", "add", std::to_string(e), e * 100 + 20 + e * 3, R"(,"node":"n1")");
    if (e == 4)
      h.op("\"nemesis\"", "info", "stop-partition",
           R"({"fault":1,"kind":"partition","description":"isolate n3"})", 480);
  }
  const std::string seen = lose_three ? "[1,2,4,5]" : "[1,2,3,4,5]";
  h.op("0", "invoke", "read", "null", 900, R"(,"final":true)");
  h.op("0", "ok", "read", seen, 930, R"(,"node":"n2","final":true)");
  h.op("1", "invoke", "read", "null", 905, R"(,"final":true)");
  h.op("1", "ok", "read", seen, 950, R"(,"node":"n3","final":true)");
  return h.text();
}

inline const char* kPartitionFault =
    R"([{"fault":1,"kind":"partition","description":"isolate n3","start_ns":250000000,"stop_ns":480000000}])";

inline void make_valid_run(const std::filesystem::path& dir) {
  write_file(dir / "history.jsonl", set_history(false));
  write_file(dir / "results.json",
             results_json(
                 "true", "valid", "null", 0,
                 R"({"set-full":{"valid":true,"attempt-count":5,"stable-count":5,"lost-count":0,"lost":[]},)"
                 R"("stats":{"valid":true,"count":7,"ok-count":7,"fail-count":0,"info-count":0}})",
                 kPartitionFault));
  write_file(dir / "node-logs" / "n1.log", "n1 started\n");
}

inline void make_lost_run(const std::filesystem::path& dir) {
  write_file(dir / "history.jsonl", set_history(true));
  write_file(dir / "results.json",
             results_json(
                 "false", "invalid", "\"set-full: 1 acknowledged element lost\"", 1,
                 R"({"set-full":{"valid":false,"attempt-count":5,"stable-count":4,"lost-count":1,"lost":[3],)"
                 R"("never-read":[],"stale-count":0,"stable-latencies":{"0":0,"0.5":10,"1":40}},)"
                 R"("stats":{"valid":true,"count":7,"ok-count":7}})",
                 kPartitionFault));
  write_file(dir / "node-logs" / "n1.log", "n1 started\n");
  write_file(dir / "node-logs" / "n3.log", "n3 partitioned\n");
}

inline void make_unknown_run(const std::filesystem::path& dir) {
  HistoryBuilder h;
  h.op("0", "invoke", "write", R"({"key":0,"value":1})", 10);
  h.op("0", "info", "write", R"({"key":0,"value":1})", 5010, R"(,"error":[0,"timeout"])");
  h.op("1", "invoke", "read", R"({"key":0})", 20);
  h.op("1", "ok", "read", R"({"key":0,"value":1})", 40);
  write_file(dir / "history.jsonl", h.text());
  write_file(
      dir / "results.json",
      results_json(
          "\"unknown\"", "unknown", "\"linearizable: search budget exhausted after 100000 steps\"", 2,
          R"({"linearizable":{"valid":"unknown","reason":"search budget exhausted after 100000 steps",)"
          R"("steps":100000,"crashed-ops":1}})"));
}

// A counter whose final read is out of range, and a register read that no
// linearization explains.
inline void make_counter_and_register_run(const std::filesystem::path& dir) {
  HistoryBuilder h;
  h.op("0", "invoke", "add", "5", 10);                           // index 0
  h.op("0", "ok", "add", "5", 20);                               // 1
  h.op("1", "invoke", "write", "7", 30);                         // 2
  h.op("1", "ok", "write", "7", 40);                             // 3
  h.op("0", "invoke", "read", "null", 50);                       // 4
  h.op("0", "ok", "read", "3", 60);                              // 5: reads 3 after 7 was written
  h.op("1", "invoke", "read", "null", 500, R"(,"final":true)");  // 6
  h.op("1", "ok", "read", "9", 510, R"(,"final":true)");         // 7: counter says 9, only 5 allowed
  write_file(dir / "history.jsonl", h.text());
  write_file(
      dir / "results.json",
      results_json(
          "false", "invalid", "null", 1,
          R"({"pn-counter":{"valid":false,"errors":[{"read":{"index":7,"type":"ok","f":"read","value":9,"process":1},)"
          R"("value":9,"acceptable":[[5,5]]}]},)"
          R"("linearizable":{"valid":false,"evidence":[{"key":"counterexample","kind":"counterexample",)"
          R"("title":"Counterexample","meaning":"the ops no linearization explains."}],)"
          R"("counterexample":{"message":"read 3 after write 7 completed",)"
          R"("ops":[{"index":2,"type":"invoke","f":"write","process":1},{"index":3,"type":"ok","f":"write","process":1},)"
          R"({"index":4,"type":"invoke","f":"read","process":0},{"index":5,"type":"ok","f":"read","process":0}]}},)"
          R"("custom-checker":{"valid":true,"histogram":{"fast":3,"slow":1},"notes":["a","b"]}})"));
}

// trace.jsonl of the lost run (network.trace): each add goes c1 -> n1 and
// back, n1 gossips to n2 and n3; while n3 is isolated (250..480 ms) the
// gossip to it is dropped; the gossip of 5 to n2 is duplicated.
inline std::string lost_run_trace() {
  std::string out;
  std::int64_t id = 0;
  auto line = [&](const std::string& event, std::int64_t ms, std::int64_t msg, const std::string& src,
                  const std::string& dst, const std::string& extra = "") {
    out += R"({"t":)" + std::to_string(ms * 1'000'000) + R"(,"event":")" + event + R"(","id":)" +
           std::to_string(msg) + R"(,"src":")" + src + R"(","dst":")" + dst + "\"" + extra + "}\n";
  };
  auto send = [&](std::int64_t ms, const std::string& src, const std::string& dst, const std::string& type,
                  const std::string& body) {
    line("send", ms, id, src, dst, R"(,"type":")" + type + R"(","body":)" + body);
    return id++;
  };
  for (int e = 1; e <= 5; ++e) {
    const std::int64_t t = e * 100;
    const std::string v = std::to_string(e);
    const std::int64_t add =
        send(t, "c1", "n1", "add", R"({"type":"add","element":)" + v + R"(,"msg_id":)" + v + "}");
    line("deliver", t + 1, add, "c1", "n1");
    const bool cut = t >= 250 && t <= 480;
    for (const char* peer : {"n2", "n3"}) {
      const std::int64_t g = send(t + 2, "n1", peer, "gossip", R"({"type":"gossip","element":)" + v + "}");
      if (cut && std::string(peer) == "n3") {
        line("drop", t + 2, g, "n1", peer, R"(,"why":"partition")");
        continue;
      }
      line("deliver", t + 8, g, "n1", peer);
      if (e == 5 && std::string(peer) == "n2") {
        line("duplicate", t + 2, g, "n1", peer);
        line("deliver", t + 12, g, "n1", peer);
      }
    }
    const std::int64_t ok =
        send(t + 15, "n1", "c1", "add_ok", R"({"type":"add_ok","in_reply_to":)" + v + "}");
    line("deliver", t + 16, ok, "n1", "c1");
  }
  return out;
}

}  // namespace faultline::test
