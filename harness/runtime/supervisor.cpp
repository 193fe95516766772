#include "harness/runtime/supervisor.hpp"

#include <system_error>

namespace faultline::harness {

namespace fs = std::filesystem;

Supervisor::Supervisor(boost::asio::io_context& io, const Scenario& scenario, fs::path run_dir,
                       Callbacks callbacks)
    : io_(io), scenario_(scenario), run_dir_(std::move(run_dir)), cb_(std::move(callbacks)) {}

Supervisor::~Supervisor() { stop_all(); }

NodeProcess* Supervisor::find(const std::string& id) const {
  auto it = nodes_.find(id);
  return it == nodes_.end() ? nullptr : it->second.get();
}

void Supervisor::spawn(const std::string& id) {
  NodeLaunch launch = plan_.launch(scenario_, run_dir_, id);
  NodeProcess::Callbacks cb;
  if (scenario_.nodes.protocol != "maelstrom" && launch.stderr_log) {
    // A tcp/udp node's stdout is not a protocol channel, only more of its
    // log (redis-server logs there): it goes to the node's log with stderr.
    std::shared_ptr<CappedLog> log = launch.stderr_log;
    cb.on_line = [log](std::string_view line) {
      log->append(line);
      log->append("\n");
    };
    cb.on_oversized_line = [log](std::string_view partial) { log->append(partial); };
  } else {
    cb.on_line = [this, id](std::string_view line) {
      if (cb_.on_line) cb_.on_line(id, line);
    };
    cb.on_oversized_line = [this, id](std::string_view partial) {
      if (cb_.on_oversized_line) cb_.on_oversized_line(id, partial);
    };
  }
  cb.on_exit = [this, id](int code) { on_exit(id, code); };
  auto& slot = nodes_[id];
  slot = std::make_unique<NodeProcess>(io_, std::move(launch), std::move(cb));
  expected_exit_[id] = false;
  slot->start();
}

bool Supervisor::write_line(const std::string& id, const std::string& line) {
  NodeProcess* node = find(id);
  return node && node->write_line(line);
}

void Supervisor::stop_all() {
  stopping_ = true;
  for (auto& [id, node] : nodes_) {
    expected_exit_[id] = true;
    if (node) node->kill();
  }
}

void Supervisor::on_exit(const std::string& id, int code) {
  if (expected_exit_[id] || stopping_) return;
  // Maelstrom counts any early exit, even status 0, as a crash.
  // "exited early with status 3", "exited early: killed by signal 9 (SIGKILL)".
  const std::string how = describe_exit(code);
  const std::string early =
      how.rfind("exited ", 0) == 0 ? "exited early " + how.substr(7) : "exited early: " + how;
  if (cb_.on_fatal) cb_.on_fatal("node " + id + " " + early + log_hint(id));
}

fs::path Supervisor::log_path(const std::string& id) const { return run_dir_ / "node-logs" / (id + ".log"); }

std::string Supervisor::log_hint(const std::string& id) const {
  if (NodeProcess* node = find(id)) node->flush_log();
  const auto path = log_path(id).string();
  const std::string tail = log_tail(path);
  return "\n--- last lines of " + path + " ---\n" + (tail.empty() ? "(empty)\n" : tail);
}

pid_t Supervisor::kill_node(const std::string& id) {
  NodeProcess* node = find(id);
  if (!node || !node->running()) return -1;
  const pid_t pid = node->pid();
  expected_exit_[id] = true;
  node->kill();
  if (cb_.on_killed) cb_.on_killed(id);
  return pid;
}

pid_t Supervisor::restart_node(const std::string& id, bool wipe) {
  if (NodeProcess* node = find(id); node && node->running()) kill_node(id);
  if (wipe) {
    std::error_code ec;
    fs::remove_all(plan_.data_dir(id), ec);
  }
  try {
    spawn(id);
  } catch (const SpawnError& e) {
    if (cb_.on_fatal) cb_.on_fatal(std::string("restart failed: ") + e.what());
    return -1;
  }
  // A restarted node gets init again, as a fresh Maelstrom process would.
  if (cb_.on_restarted) cb_.on_restarted(id);
  return find(id)->pid();
}

pid_t Supervisor::pause_node(const std::string& id) {
  NodeProcess* node = find(id);
  if (!node || !node->running()) return -1;
  node->pause();
  return node->pid();
}

pid_t Supervisor::resume_node(const std::string& id) {
  NodeProcess* node = find(id);
  if (!node || !node->running()) return -1;
  node->resume();
  return node->pid();
}

bool Supervisor::node_running(const std::string& id) const {
  const NodeProcess* node = find(id);
  return node && node->running();
}

}  // namespace faultline::harness
