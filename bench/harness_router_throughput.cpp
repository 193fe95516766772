// Router throughput: messages routed per second between real node processes
// (nodes/flood) that flood each other over their stdio pipes, through the
// same Router and NodeProcess the runner uses. A message counts once the
// receiving node's stdin pipe has taken it, so a receiver that falls behind
// cannot inflate the figure. Prints the median of runs.
#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "harness/runtime/node_process.hpp"
#include "harness/runtime/rpc_endpoint.hpp"
#include "nemesis/router.hpp"

using namespace faultline;
using namespace std::chrono_literals;

namespace {

double one_run(int node_count, std::chrono::milliseconds warmup, std::chrono::milliseconds measure,
               bool faults, bool trace) {
  boost::asio::io_context io;
  nemesis::Network network;
  nemesis::Router router(io, network, 1, 1 << 20);
  // network.trace: every event of every message written to a file, uncapped
  // here so the whole measurement pays for it.
  const auto trace_path = std::filesystem::temp_directory_path() / "faultline-bench-router-trace.jsonl";
  std::unique_ptr<nemesis::MessageTrace> tracer;
  if (trace) {
    tracer = std::make_unique<nemesis::MessageTrace>(trace_path, std::chrono::steady_clock::now(),
                                                     nemesis::TraceLimits{std::size_t{1} << 40, 1024});
    router.set_trace(tracer.get());
  }
  std::vector<std::string> ids;
  for (int i = 1; i <= node_count; ++i) ids.push_back("n" + std::to_string(i));
  std::map<std::string, std::unique_ptr<harness::NodeProcess>> nodes;
  std::map<std::string, int> eps;
  for (const auto& id : ids)
    eps[id] =
        router.add_node(id, [&nodes, id](const std::string& line) { return nodes[id]->write_line(line); });
  harness::RpcEndpoint setup(io, router, "c0");
  if (faults) {
    // Latency with reordering and a little loss and duplication: the delay
    // queue and the fault draws are on the path of every message.
    nemesis::LinkFaults link;
    link.latency = {nemesis::LatencyDistribution::Uniform, std::chrono::microseconds(200), {}, 2.0};
    link.loss = 0.01;
    link.duplicate = 0.01;
    link.ordering = nemesis::Ordering::Reorder;
    network.set_base(link, {});
    network.exempt_from_base(setup.endpoint());
  }
  const auto log_dir = std::filesystem::temp_directory_path() / "faultline-bench-router";
  std::filesystem::create_directories(log_dir);
  for (const auto& id : ids) {
    harness::NodeLaunch launch;
    launch.id = id;
    launch.argv = {FAULTLINE_BINARY_DIR "/nodes/flood"};
    launch.log_path = (log_dir / (id + ".log")).string();
    const int ep = eps[id];
    nodes[id] = std::make_unique<harness::NodeProcess>(
        io, launch,
        harness::NodeProcess::Callbacks{
            [&router, ep](std::string_view l) { router.from_node(ep, l); }, {}, {}});
    nodes[id]->start();
  }
  boost::json::array all;
  for (const auto& id : ids) all.emplace_back(id);
  for (const auto& id : ids)
    setup.call(eps[id], {{"type", "init"}, {"node_id", id}, {"node_ids", all}}, 5s,
               [](const boost::json::object*) {});
  auto written = [&nodes] {
    std::uint64_t n = 0;
    for (const auto& [id, node] : nodes) n += node->lines_written();
    return n;
  };
  std::uint64_t start_count = 0;
  auto start_time = std::chrono::steady_clock::now();
  double rate = 0;
  boost::asio::steady_timer t1(io, warmup), t2(io, warmup + measure);
  t1.async_wait([&](auto) {
    start_count = written();
    start_time = std::chrono::steady_clock::now();
  });
  t2.async_wait([&](auto) {
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_time).count();
    rate = static_cast<double>(written() - start_count) / secs;
    io.stop();
  });
  io.run();
  for (auto& [id, n] : nodes) n->kill();
  if (tracer) {
    tracer->close();
    std::filesystem::remove(trace_path);
  }
  return rate;
}

}  // namespace

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::atoi(argv[1]) : 5;
  for (bool trace : {false, true}) {
    for (bool faults : {false, true}) {
      for (int n : {2, 5}) {
        if (trace && n != 5) continue;
        std::vector<double> rates;
        for (int r = 0; r < runs; ++r) rates.push_back(one_run(n, 500ms, 2000ms, faults, trace));
        std::sort(rates.begin(), rates.end());
        std::printf(
            "router throughput, %d flood nodes, %s%s: median %.0f msgs/s (min %.0f, max %.0f, %d runs)\n", n,
            faults ? "latency+reorder+1% loss+1% dup" : "no faults", trace ? ", trace on" : "",
            rates[rates.size() / 2], rates.front(), rates.back(), runs);
      }
    }
  }
  return 0;
}
