#pragma once
// A parsed and validated scenario. Every field here has passed the loader's
// checks; `loc` fields keep file:line:column for errors found later.
#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "nemesis/fault_spec.hpp"
#include "nemesis/latency.hpp"
#include "nemesis/link_faults.hpp"
#include "nemesis/message_trace.hpp"

namespace faultline::harness {

using Nanos = std::chrono::nanoseconds;

struct SourceLoc {
  std::string file;
  int line = 0;             // 1-based
  int column = 0;           // 1-based
  std::string str() const;  // "file:line:column"
};

// A named port a tcp/udp node listens on (on its own real address).
struct PortSpec {
  std::string name;
  int number = 0;
  std::string proto = "tcp";  // tcp | udp
  SourceLoc loc;
};

// How a tcp/udp node shows it is up, at start and after every restart:
// a connect to its real address on `port`, or `command` exiting 0.
struct ReadySpec {
  std::string port;
  std::vector<std::string> command;
  Nanos timeout = std::chrono::seconds(20);
  SourceLoc loc;
};

struct NodesSpec {
  std::vector<std::string> ids;      // from `count` (n1..nN) or `names`
  std::vector<std::string> command;  // argv template: {{node_id}} {{data_dir}} {{node_index}}, and for
                                     // tcp/udp {{host}} {{addr.P}} {{peer.N.P}} {{peers.P}}
  std::string protocol = "maelstrom";
  std::vector<PortSpec> ports;     // tcp/udp only
  std::optional<ReadySpec> ready;  // tcp/udp only (defaults to the first tcp port)
  bool hosts = false;              // tcp/udp: node names resolve per node to its proxy links
  const PortSpec* port(const std::string& name) const {
    for (const auto& p : ports)
      if (p.name == name) return &p;
    return nullptr;
  }
  std::map<std::string, std::string> env;
  std::string cwd;  // empty: the run directory
  Nanos init_timeout = std::chrono::seconds(10);
  SourceLoc loc;
  SourceLoc command_loc;  // of command[0], for "binary not found" from validate
};

using nemesis::LinkFaults;
using nemesis::Ordering;

struct NetworkSpec {
  LinkFaults nodes;    // node <-> node and node <-> service links
  LinkFaults clients;  // client <-> node links (default: no faults, as Maelstrom)
  std::size_t max_message_bytes = 1 << 20;
  // `trace`: write every message event of the stdio router to trace.jsonl.
  bool trace = false;
  nemesis::TraceLimits trace_limits;
  SourceLoc trace_loc;
};

struct WorkloadSpec {
  std::string type;
  double rate = 10;     // ops per second over all clients; 0 = no ops
  int concurrency = 0;  // resolved from `concurrency: 2n` etc.
  Nanos timeout = std::chrono::seconds(5);
  Nanos quiesce = std::chrono::seconds(5);            // after heal, before the final phase
  Nanos final_time_limit = std::chrono::seconds(60);  // no final op starts after this
  boost::json::object params;  // checked against the workload's ParamSpecs, defaults filled
  SourceLoc loc;
};

// `client:` — clients are adapter processes, one per client, that speak the
// system's own protocol (docs/adapters.md). Absent: clients speak Maelstrom
// through the router.
struct AdapterSpec {
  std::vector<std::string> command;        // argv; {{client_id}} is filled in
  boost::json::object options;             // handed to the adapter as they are
  std::map<std::string, std::string> env;  // added to the harness's environment
  Nanos init_timeout = std::chrono::seconds(10);
  SourceLoc loc;
};

// The fault language lives in nemesis/ (it expands it into a timeline); the
// scenario only carries it.
using nemesis::FaultSpec;
using nemesis::LinkSelector;
using nemesis::NodeSelector;
using nemesis::ScheduleEntry;

struct CheckerUse {
  std::string type;
  boost::json::object options;
  SourceLoc loc;
};

struct Scenario {
  std::string path;  // the file it came from
  std::string name;
  std::uint64_t seed = 0;
  // The verdict this scenario is meant to get: "valid" (the default), or
  // "invalid" for a scenario built to catch a bug. It changes no exit code of
  // `faultline run`; suites count a run that meets it as passed.
  std::string expect = "valid";
  Nanos time_limit = std::chrono::seconds(10);
  NodesSpec nodes;
  NetworkSpec network;
  WorkloadSpec workload;
  std::optional<AdapterSpec> client;
  std::vector<ScheduleEntry> nemesis;
  std::vector<CheckerUse> checkers;  // empty: the workload's defaults
  boost::json::value source;         // the scenario as JSON, for results.json
  // Things that are allowed but probably not meant ("FILE:LINE:COLUMN: warning: ..."),
  // e.g. a fault scheduled after time_limit. The CLI prints them.
  std::vector<std::string> warnings;
};

}  // namespace faultline::harness
