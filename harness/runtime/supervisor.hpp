#pragma once
// The node processes of a run: spawning them, kill/restart/pause/resume for
// the nemesis, telling an expected exit from a crash, and the log tail that
// explains a failure. It reports through callbacks and knows nothing of the
// run's phases, so the runner drives it without a cycle. Networked nodes
// (namespaces, cwd, readiness) extend the launch and these callbacks.
#include <boost/asio/io_context.hpp>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "harness/runtime/launch_plan.hpp"
#include "harness/runtime/node_process.hpp"
#include "harness/scenario/scenario.hpp"
#include "nemesis/node_control.hpp"

namespace faultline::harness {

class Supervisor : public nemesis::NodeControl {
 public:
  struct Callbacks {
    std::function<void(const std::string& id, std::string_view line)> on_line;
    // A stdout line over the scenario's max_message_bytes (cut short).
    std::function<void(const std::string& id, std::string_view partial)> on_oversized_line;
    // A node was started again by restart_node (it needs init, or readiness, again).
    std::function<void(const std::string& id)> on_restarted;
    // The nemesis killed a node (also before a restart): its connections go.
    std::function<void(const std::string& id)> on_killed;
    // A node died unexpectedly or could not be restarted; the run cannot go on.
    std::function<void(const std::string& message)> on_fatal;
  };

  Supervisor(boost::asio::io_context& io, const Scenario& scenario, std::filesystem::path run_dir,
             Callbacks callbacks);
  ~Supervisor() override;
  Supervisor(const Supervisor&) = delete;
  Supervisor& operator=(const Supervisor&) = delete;

  // tcp/udp nodes: templates and hosts files from the run's address plan.
  void set_addressing(NodeAddressing addressing) { plan_.set_addressing(std::move(addressing)); }
  // Throws SpawnError when the node cannot be started.
  void spawn(const std::string& id);
  // The node's ready.command, launched as the node is. Throws SpawnError.
  NodeLaunch ready_probe(const std::string& id) { return plan_.ready_probe(scenario_, run_dir_, id); }
  // Writes a line to the node's stdin; false if it is not running.
  bool write_line(const std::string& id, const std::string& line);
  // Kills every node; their exits are expected. Idempotent.
  void stop_all();

  // "\n--- last lines of <log> ---\n<tail>": appended to a node's failure.
  std::string log_hint(const std::string& id) const;
  std::filesystem::path log_path(const std::string& id) const;
  // Bytes cut from each node's stderr log (CappedLog), for nodes that logged too much.
  std::map<std::string, std::uint64_t> log_cuts() const { return plan_.log_cuts(); }

  // NodeControl, used by the nemesis.
  pid_t kill_node(const std::string& id) override;
  pid_t restart_node(const std::string& id, bool wipe) override;
  pid_t pause_node(const std::string& id) override;
  pid_t resume_node(const std::string& id) override;
  bool node_running(const std::string& id) const override;

 private:
  NodeProcess* find(const std::string& id) const;
  void on_exit(const std::string& id, int code);

  boost::asio::io_context& io_;
  const Scenario& scenario_;
  std::filesystem::path run_dir_;
  Callbacks cb_;
  LaunchPlan plan_;
  std::map<std::string, std::unique_ptr<NodeProcess>> nodes_;
  std::map<std::string, bool> expected_exit_;
  bool stopping_ = false;
};

}  // namespace faultline::harness
