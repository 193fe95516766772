#pragma once
// Scenarios of the shipped line-protocol nodes (nodes/tcp_counter*,
// udp_counter) behind the proxy plane, with tests/e2e/adapters/line_adapter.py
// as the client, and what the e2e tests read back from a run.
#include <boost/json.hpp>
#include <cstdint>
#include <string>

#include "faultline_run.hpp"

namespace faultline::e2e::proxy_test {

inline const std::string kAdapter = FAULTLINE_SOURCE_DIR "/tests/e2e/adapters/line_adapter.py";

// A g-counter run of `count` tcp_counter_broken nodes that find their peers
// through templates; `extra` is appended (nemesis:, network:, ...).
inline std::string broken_counter(int count, const std::string& time_limit, const std::string& extra,
                                  std::uint64_t seed = 3) {
  return "name: proxy\nseed: " + std::to_string(seed) + "\ntime_limit: " + time_limit +
         "\nnodes:\n  count: " + std::to_string(count) + "\n  protocol: tcp\n  command: [" +
         node_binary("tcp_counter_broken") +
         ", --listen, '{{addr.client}}', --peer-listen, '{{addr.peer}}', --peers, '{{peers.peer}}']\n"
         "  ports: {client: 7000, peer: 7001}\n  ready: {port: client, timeout: 5s}\n"
         "client:\n  command: [python3, " +
         // Generous timeouts: an add that times out is indeterminate, and the
         // tests compare final reads with the sum of definite adds; a
         // loaded machine can take seconds to start a Python adapter.
         kAdapter +
         "]\n  options: {timeout: 3}\n  init_timeout: 60s\nworkload:\n  type: g-counter\n  rate: 60\n  "
         "concurrency: " +
         std::to_string(count) +
         "\n  timeout: 5s\n  quiesce: 1s\n"
         "checkers: [{type: counter}]\n" +
         extra;
}

// The results' warnings that contain `about` (other warnings, such as a rate a
// loaded machine could not reach, are not what these tests look at).
inline std::size_t warnings_about(const Outcome& o, const std::string& about) {
  std::size_t n = 0;
  for (const auto& w : o.results.at("warnings").as_array())
    if (std::string(w.as_string()).find(about) != std::string::npos) ++n;
  return n;
}

// results.json's proxy counter, e.g. counter(o, "servers", "tcp", "bytes").
inline std::uint64_t counter(const Outcome& o, const char* cls, const char* plane, const char* name) {
  const auto* proxy = o.results.if_contains("proxy");
  if (!proxy || !proxy->is_object()) return 0;
  return proxy->as_object().at(cls).as_object().at(plane).as_object().at(name).to_number<std::uint64_t>();
}

// The value of the final read on `node` (-1000000 when there is none).
inline std::int64_t final_read(const Outcome& o, const std::string& node) {
  std::int64_t value = -1000000;
  for (const auto& op : o.history)
    if (op.at("f") == "read" && op.at("type") == "ok" && op.contains("final") &&
        op.at("node") == boost::json::value(node))
      value = op.at("value").as_int64();
  return value;
}

// Sum of the ok adds, and how many adds ended info (fate unknown).
inline std::pair<std::int64_t, int> ok_adds(const Outcome& o) {
  std::int64_t sum = 0;
  int info = 0;
  for (const auto& op : o.history) {
    if (op.at("f") != "add") continue;
    if (op.at("type") == "ok") sum += op.at("value").as_int64();
    if (op.at("type") == "info") ++info;
  }
  return {sum, info};
}

}  // namespace faultline::e2e::proxy_test
