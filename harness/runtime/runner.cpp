#include "harness/runtime/runner.hpp"

#include <unistd.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>

#include "harness/report/report.hpp"
#include "harness/runtime/check_runner.hpp"
#include "harness/runtime/client_channels.hpp"
#include "harness/runtime/client_pool.hpp"
#include "harness/runtime/node_process.hpp"
#include "harness/runtime/progress.hpp"
#include "harness/runtime/proxy_wiring.hpp"
#include "harness/runtime/readiness.hpp"
#include "harness/runtime/recorder.hpp"
#include "harness/runtime/results.hpp"
#include "harness/runtime/rpc_endpoint.hpp"
#include "harness/runtime/sandbox.hpp"
#include "harness/runtime/service_host.hpp"
#include "harness/runtime/supervisor.hpp"
#include "harness/store/run_store.hpp"
#include "history/edn.hpp"
#include "history/txt.hpp"
#include "nemesis/driver.hpp"
#include "nemesis/network.hpp"
#include "nemesis/router.hpp"
#include "nemesis/schedule.hpp"
#include "workloads/registry.hpp"

namespace faultline::harness {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

class Run {
 public:
  Run(const Scenario& scenario, const RunOptions& options, const RunDir& dir)
      : scenario_(scenario),
        options_(options),
        dir_(dir),
        router_(io_, network_, scenario.seed, scenario.network.max_message_bytes),
        recorder_((dir.path / "history.jsonl").string()),
        signals_(io_, SIGINT, SIGTERM, SIGHUP),
        main_timer_(io_),
        quiesce_timer_(io_) {}

  // Runs to the end; the outcome is in error_ / interrupted_ and the history.
  void execute() {
    const auto* entry = workloads::find_workload(scenario_.workload.type);
    workloads::WorkloadContext ctx{scenario_.nodes.ids, scenario_.workload.concurrency,
                                   scenario_.workload.params, scenario_.seed};
    workload_ = entry->make(ctx);

    router_.on_protocol_error([this](const nemesis::ProtocolError& e) { protocol_errors_.add(e); });
    if (scenario_.network.trace) {
      try {
        trace_ = std::make_unique<nemesis::MessageTrace>(dir_.path / nemesis::kTraceFile, recorder_.start(),
                                                         scenario_.network.trace_limits);
        router_.set_trace(trace_.get());
      } catch (const std::exception& e) {
        error_ = std::string("cannot write the message trace: ") + e.what();
      }
    }
    supervisor_ = std::make_unique<Supervisor>(io_, scenario_, dir_.path, supervisor_callbacks());
    if (networked()) {
      // Every listener is bound before any node starts: a node's first
      // connection to a peer must find the proxy there.
      std::vector<std::string> client_ids;
      for (int c = 1; c <= scenario_.workload.concurrency; ++c) client_ids.push_back("c" + std::to_string(c));
      try {
        wiring_ = std::make_unique<ProxyWiring>(io_, network_, scenario_, client_ids, dir_.path);
        supervisor_->set_addressing(wiring_->node_addressing());
      } catch (const std::exception& e) {
        // Reported once the rest of the run exists (its results need the clients' counts).
        error_ = std::string("cannot set up the proxy plane: ") + e.what();
      }
    } else {
      for (const auto& id : scenario_.nodes.ids) {
        node_endpoints_[id] = router_.add_node(
            id, [this, id](const std::string& line) { return supervisor_->write_line(id, line); });
      }
    }
    services_ = std::make_unique<ServiceHost>(router_, scenario_.seed);
    setup_ = std::make_unique<RpcEndpoint>(io_, router_, "c0");
    ClientConfig clients{scenario_.workload.concurrency, scenario_.workload.rate, scenario_.workload.timeout,
                         scenario_.nodes.ids};
    AdapterChannel::Hooks adapter_hooks{[this](const nemesis::ProtocolError& e) { protocol_errors_.add(e); },
                                        [this](const std::string& message) { fatal(message); }};
    clients_ = std::make_unique<ClientPool>(
        io_,
        make_channel_factory(io_, router_, scenario_, dir_.path,
                             wiring_ ? wiring_->client_addresses() : ClientAddresses{},
                             std::move(adapter_hooks)),
        recorder_, *workload_, clients, scenario_.seed);
    network_.set_base(scenario_.network.nodes, scenario_.network.clients);
    network_.exempt_from_base(setup_->endpoint());
    nemesis_ = std::make_unique<nemesis::Driver>(
        io_, network_, *supervisor_,
        nemesis::build_timeline(scenario_.nemesis, scenario_.nodes.ids, scenario_.seed, scenario_.time_limit),
        scenario_.nodes.ids, [this](std::string f, boost::json::object value) {
          history::Op op;
          op.process = history::kNemesisProcess;
          op.type = history::OpType::Info;  // nemesis ops are info at both ends, as Jepsen's
          op.f = std::move(f);
          op.value = std::move(value);
          return recorder_.record(std::move(op)).time;
        });

    signals_.async_wait([this](const boost::system::error_code& ec, int signo) {
      if (ec) return;
      interrupted_ = true;
      // A closed terminal (SIGHUP) ends the run like ^C: nodes down, history and results kept.
      fatal(std::string("interrupted by SIG") + ::sigabbrev_np(signo));
    });

    if (!error_.empty()) return teardown();
    try {
      for (const auto& id : scenario_.nodes.ids) supervisor_->spawn(id);
    } catch (const SpawnError& e) {
      error_ = e.what();
      teardown();
      return;
    }
    if (networked()) {
      await_ready_all();
    } else {
      init_nodes();
    }
    io_.run();
    teardown();
  }

  void teardown() {
    if (clients_) clients_->cancel();
    if (nemesis_) nemesis_->cancel();
    probes_.clear();
    if (wiring_) wiring_->stop();
    if (supervisor_) supervisor_->stop_all();
    // What the nodes left (children that called setsid, daemons) goes now.
    if (options_.sandbox) options_.sandbox->end();
    recorder_.close();
    if (trace_) trace_->close();
  }

  const Recorder& recorder() const { return recorder_; }
  Recorder& recorder() { return recorder_; }
  const nemesis::Router& router() const { return router_; }
  const nemesis::Network& network() const { return network_; }
  std::optional<nemesis::proxy::ProxyStats> proxy_stats() const {
    if (!wiring_) return std::nullopt;
    return wiring_->stats();
  }
  const OpCounts& counts() const { return clients_->counts(); }
  bool final_cut() const { return clients_ && clients_->final_cut(); }
  std::map<std::string, std::uint64_t> log_cuts() const {
    return supervisor_ ? supervisor_->log_cuts() : std::map<std::string, std::uint64_t>{};
  }
  const ProtocolErrorLog& protocol_errors() const { return protocol_errors_; }
  const std::string& error() const { return error_; }
  bool interrupted() const { return interrupted_; }
  workloads::Workload& workload() { return *workload_; }
  boost::json::array faults() const { return nemesis_ ? nemesis_->faults_json() : boost::json::array{}; }

 private:
  Supervisor::Callbacks supervisor_callbacks() {
    Supervisor::Callbacks cb;
    cb.on_line = [this](const std::string& id, std::string_view line) {
      router_.from_node(node_endpoints_.at(id), line);
    };
    cb.on_oversized_line = [this](const std::string& id, std::string_view partial) {
      protocol_errors_.add(
          {id, std::string(partial.substr(0, 512)),
           "line over the " + std::to_string(scenario_.network.max_message_bytes) + "-byte limit"});
    };
    cb.on_restarted = [this](const std::string& id) {
      if (networked()) return await_ready(id, [](bool) {});
      send_init(id, [](bool) {});
    };
    cb.on_killed = [this](const std::string& id) {
      probes_.erase(id);
      if (wiring_) wiring_->node_killed(id);
    };
    cb.on_fatal = [this](const std::string& message) { fatal(message); };
    return cb;
  }

  void send_init(const std::string& id, std::function<void(bool)> done) {
    boost::json::array ids;
    for (const auto& n : scenario_.nodes.ids) ids.emplace_back(n);
    boost::json::object body{{"type", "init"}, {"node_id", id}, {"node_ids", ids}};
    setup_->call(
        node_endpoints_.at(id), std::move(body), scenario_.nodes.init_timeout,
        [this, id, done](const boost::json::object* reply) {
          if (!reply) {
            const std::string impostor = setup_->misdirected_reply(node_endpoints_.at(id));
            fatal("node " + id + " did not answer init within " +
                  format_seconds(scenario_.nodes.init_timeout) +
                  (impostor.empty() ? std::string()
                                    : " (another node answered in its place: " + impostor + ")") +
                  log_hint(id));
            return done(false);
          }
          const auto* type = reply->if_contains("type");
          if (!type || !type->is_string() || type->as_string() != "init_ok") {
            fatal("node " + id + " answered init with " + boost::json::serialize(*reply) +
                  " instead of init_ok" + log_hint(id));
            return done(false);
          }
          done(true);
        },
        /*only_from_dest=*/true);
  }

  bool networked() const { return scenario_.nodes.protocol != "maelstrom"; }

  // tcp/udp nodes have no init: each is awaited until it is ready, then the
  // clients open (there are no Maelstrom setup messages to send).
  void await_ready_all() {
    auto remaining = std::make_shared<std::size_t>(scenario_.nodes.ids.size());
    for (const auto& id : scenario_.nodes.ids) {
      await_ready(id, [this, remaining](bool ok) {
        if (ok && --*remaining == 0) open_clients();
      });
    }
  }

  void await_ready(const std::string& id, std::function<void(bool)> done) {
    const ReadySpec& ready = *scenario_.nodes.ready;
    const std::uint64_t generation = ++probe_generation_;
    auto finished = [this, id, done, generation](const std::string& failure) {
      // Erased later (this runs inside the probe), unless a restart replaced it.
      boost::asio::post(io_, [this, id, generation] {
        auto it = probes_.find(id);
        if (it != probes_.end() && it->second.first == generation) probes_.erase(it);
      });
      if (failure.empty()) return done(true);
      fatal("node " + id + " " + failure + log_hint(id));
      done(false);
    };
    std::unique_ptr<ReadinessProbe> probe;
    if (!ready.port.empty()) {
      probe = std::make_unique<ReadinessProbe>(io_, wiring_->real_endpoint(id, ready.port), ready.timeout,
                                               std::move(finished));
    } else {
      try {
        probe = std::make_unique<ReadinessProbe>(io_, supervisor_->ready_probe(id), ready.timeout,
                                                 std::move(finished));
      } catch (const SpawnError& e) {
        fatal(std::string("cannot run nodes.ready.command: ") + e.what());
        return done(false);
      }
    }
    auto& slot = probes_[id];
    slot = {generation, std::move(probe)};
    slot.second->start();
  }

  void init_nodes() {
    auto remaining = std::make_shared<std::size_t>(scenario_.nodes.ids.size());
    for (const auto& id : scenario_.nodes.ids) {
      send_init(id, [this, remaining](bool ok) {
        if (ok && --*remaining == 0) setup_nodes();
      });
    }
  }

  void setup_nodes() {
    auto remaining = std::make_shared<std::size_t>(0);
    std::vector<std::pair<std::string, boost::json::object>> messages;
    for (const auto& id : scenario_.nodes.ids)
      for (auto& m : workload_->setup_messages(id)) messages.emplace_back(id, std::move(m));
    if (messages.empty()) return open_clients();
    *remaining = messages.size();
    for (auto& [node, body] : messages) {
      const std::string id = node;  // clang 14 cannot capture a structured binding
      const std::string type = body.contains("type") ? std::string(body.at("type").as_string()) : "?";
      setup_->call(node_endpoints_.at(id), std::move(body), scenario_.workload.timeout,
                   [this, id, type, remaining](const boost::json::object* reply) {
                     if (!reply || (reply->contains("type") && reply->at("type") == "error")) {
                       fatal("node " + id + " did not acknowledge the " + type + " setup message" +
                             (reply ? ": " + boost::json::serialize(*reply) : std::string(" in time")) +
                             log_hint(id));
                       return;
                     }
                     if (--*remaining == 0) open_clients();
                   });
    }
  }

  // Adapter clients start once the nodes are up, and the main phase once
  // every adapter has answered init.
  void open_clients() {
    if (done_) return;
    clients_->open([this] { start_main(); });
  }

  void start_main() {
    if (done_) return;
    progress_ = std::make_unique<Progress>(io_, options_.progress, scenario_.time_limit, [this] {
      return ProgressSnapshot{recorder_.now(), clients_->counts(), nemesis_->active_descriptions()};
    });
    progress_->start();
    clients_->start_main();
    nemesis_->start();
    main_timer_.expires_after(scenario_.time_limit);
    main_timer_.async_wait([this](const boost::system::error_code& ec) {
      if (!ec) end_main();
    });
  }

  void end_main() {
    if (progress_) progress_->set_phase("stopping clients");
    clients_->stop_main([this] {
      nemesis_->heal_all();
      if (!workload_->has_final_phase()) return finish();
      if (progress_) progress_->set_phase("quiesce");
      quiesce_timer_.expires_after(scenario_.workload.quiesce);
      quiesce_timer_.async_wait([this](const boost::system::error_code& ec) {
        if (ec) return;
        if (progress_) progress_->set_phase("final reads");
        clients_->run_final(std::chrono::steady_clock::now() + scenario_.workload.final_time_limit,
                            [this] { finish(); });
      });
    });
  }

  void finish() {
    done_ = true;
    if (progress_) progress_->stop();
    io_.stop();
  }

  void fatal(const std::string& message) {
    if (done_) return;
    if (error_.empty()) error_ = message;
    finish();
  }

  std::string log_hint(const std::string& id) const { return supervisor_->log_hint(id); }

  static std::string format_seconds(std::chrono::nanoseconds d) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3gs", std::chrono::duration<double>(d).count());
    return buf;
  }

  const Scenario& scenario_;
  const RunOptions& options_;
  const RunDir& dir_;
  boost::asio::io_context io_;
  nemesis::Network network_;
  nemesis::Router router_;
  Recorder recorder_;
  std::unique_ptr<nemesis::MessageTrace> trace_;  // network.trace; the router only points at it
  boost::asio::signal_set signals_;
  boost::asio::steady_timer main_timer_;
  boost::asio::steady_timer quiesce_timer_;
  std::unique_ptr<workloads::Workload> workload_;
  std::map<std::string, int> node_endpoints_;
  std::unique_ptr<ProxyWiring> wiring_;  // tcp/udp runs; outlives the supervisor that uses its addresses
  std::unique_ptr<Supervisor> supervisor_;
  std::map<std::string, std::pair<std::uint64_t, std::unique_ptr<ReadinessProbe>>> probes_;  // by node
  std::uint64_t probe_generation_ = 0;
  std::unique_ptr<ServiceHost> services_;
  std::unique_ptr<RpcEndpoint> setup_;
  std::unique_ptr<ClientPool> clients_;
  std::unique_ptr<nemesis::Driver> nemesis_;
  std::unique_ptr<Progress> progress_;
  ProtocolErrorLog protocol_errors_;
  std::string error_;
  bool interrupted_ = false;
  bool done_ = false;
};

}  // namespace

RunResult run_scenario(const Scenario& scenario, const RunOptions& options) {
  RunResult result;
  RunDir dir = create_run_dir(options.store, scenario.name, options.run_dir);
  result.run_dir = dir.path;
  update_latest_links(options.store, scenario.name, dir);
  if (!scenario.path.empty()) {
    std::error_code ec;
    fs::copy_file(scenario.path, dir.path / "scenario.yaml", fs::copy_options::overwrite_existing, ec);
  }
  const std::string started_at = iso8601_now();
  const auto wall_start = std::chrono::steady_clock::now();

  // Listening from before the run: a signal after the event loop stopped
  // (while the histories are written) must still stop the checking phase.
  const SignalWatch signals;
  Run run(scenario, options, dir);
  run.execute();

  const auto& history = run.recorder().history();
  history::write_edn(history, (dir.path / "history.edn").string());
  history::write_txt(history, (dir.path / "history.txt").string());

  RunSummary summary;
  summary.started_at = started_at;
  summary.duration = std::chrono::steady_clock::now() - wall_start;
  summary.error = run.error();
  summary.interrupted = run.interrupted();
  summary.counts = run.counts();
  summary.network = run.router().stats();
  summary.proxy = run.proxy_stats();
  summary.network_fault_windows = run.network().windows_opened();
  summary.network_fault_touches = run.network().fault_touches();
  summary.protocol_errors = run.protocol_errors();
  summary.faults = run.faults();
  summary.final_phase_cut = run.final_cut();
  summary.node_log_cuts = run.log_cuts();
  bool checks_abandoned = false;
  if (summary.error.empty()) {
    CheckRun checked = run_checks(scenario, run.workload(), history, dir.path, signals);
    summary.checks = std::move(checked.checks);
    if (checked.abandoned) {
      checks_abandoned = true;
      summary.interrupted = true;
      summary.error = std::string("interrupted by SIG") + ::sigabbrev_np(signals.caught()) +
                      " while checking; the history is complete: `faultline check` can judge it";
    }
  }
  result.results = build_results(scenario, options, summary);
  result.exit_code = exit_code_of(result.results);
  write_results(dir.path, result.results);
  // The report reads history.jsonl itself: two copies of a big history must
  // not live at once. Abandoned checkers still read this one.
  if (!checks_abandoned) run.recorder().release_history();
  try {
    write_report(dir.path);
  } catch (const std::exception& e) {
    std::cerr << "faultline: could not write report.html: " << e.what() << "\n";
  }
  print_summary(std::cout, result.results, dir.path);
  if (checks_abandoned) {
    // The checkers' threads still read the history: end here, outputs written.
    std::cout.flush();
    std::cerr.flush();
    std::_Exit(result.exit_code);
  }
  return result;
}

}  // namespace faultline::harness
