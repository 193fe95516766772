#pragma once
// Turns the scenario's command template into a node's concrete launch:
// {{node_id}}, {{node_index}} and {{data_dir}} filled in, the binary resolved
// to an absolute path, the working directory set (the node's data dir).
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "harness/runtime/node_process.hpp"
#include "harness/scenario/scenario.hpp"

namespace faultline::harness {

class LaunchPlan {
 public:
  // Creates the node's data dir. Throws SpawnError when the binary is missing.
  NodeLaunch launch(const Scenario& scenario, const std::filesystem::path& run_dir, const std::string& id);
  // Persistent state of a node: survives kill/restart unless wiped.
  std::filesystem::path data_dir(const std::string& id) const { return run_dir_ / "data" / id; }
  // Bytes cut from each node's stderr log (only nodes whose log was cut).
  std::map<std::string, std::uint64_t> log_cuts() const;

 private:
  std::filesystem::path run_dir_;
  std::map<std::string, std::shared_ptr<CappedLog>> logs_;  // one per node, across its restarts
};

// argv[0] made absolute if it has a '/', else looked up on PATH; empty if not found.
std::string resolve_executable(const std::string& name);

}  // namespace faultline::harness
