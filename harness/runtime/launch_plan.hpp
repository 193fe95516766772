#pragma once
// Turns the scenario's command template into a node's concrete launch:
// {{node_id}}, {{node_index}} and {{data_dir}} filled in, the binary resolved
// to an absolute path, the working directory set (the node's data dir); for
// tcp/udp nodes also the networked templates and the node's own hosts file.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "harness/runtime/node_process.hpp"
#include "harness/scenario/scenario.hpp"

namespace faultline::harness {

// How tcp/udp nodes find each other (from the run's address plan).
struct NodeAddressing {
  // The text with the networked templates filled as node `id` sees them.
  std::function<std::string(const std::string& id, const std::string& text)> fill;
  // The node's own /etc/hosts, when the scenario asks for `hosts: true`.
  std::function<std::optional<std::filesystem::path>(const std::string& id)> hosts_file;
};

class LaunchPlan {
 public:
  void set_addressing(NodeAddressing addressing) { addressing_ = std::move(addressing); }
  // Creates the node's data dir. Throws SpawnError when the binary is missing.
  NodeLaunch launch(const Scenario& scenario, const std::filesystem::path& run_dir, const std::string& id);
  // The node's `ready.command` probe, launched as the node is (same
  // templates, directory and hosts file), logging to node-logs/<id>.ready.log.
  NodeLaunch ready_probe(const Scenario& scenario, const std::filesystem::path& run_dir,
                         const std::string& id);
  // Persistent state of a node: survives kill/restart unless wiped.
  std::filesystem::path data_dir(const std::string& id) const { return run_dir_ / "data" / id; }
  // Bytes cut from each node's stderr log (only nodes whose log was cut).
  std::map<std::string, std::uint64_t> log_cuts() const;

 private:
  NodeLaunch make(const Scenario& scenario, const std::filesystem::path& run_dir, const std::string& id,
                  const std::vector<std::string>& argv, const std::string& what);

  std::filesystem::path run_dir_;
  NodeAddressing addressing_;
  std::map<std::string, std::shared_ptr<CappedLog>> logs_;  // one per node, across its restarts
};

// argv[0] made absolute if it has a '/', else looked up on PATH; empty if not found.
std::string resolve_executable(const std::string& name);

}  // namespace faultline::harness
