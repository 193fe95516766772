#include "harness/runtime/launch_plan.hpp"

#include <unistd.h>
#include <cstdlib>
#include <sstream>

namespace faultline::harness {

namespace fs = std::filesystem;

namespace {
std::string fill(std::string text, const std::string& key, const std::string& value) {
  const std::string pattern = "{{" + key + "}}";
  for (auto pos = text.find(pattern); pos != std::string::npos; pos = text.find(pattern, pos + value.size()))
    text.replace(pos, pattern.size(), value);
  return text;
}
}  // namespace

std::string resolve_executable(const std::string& name) {
  if (name.find('/') != std::string::npos) return fs::absolute(name).string();
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    const fs::path candidate = fs::path(dir.empty() ? "." : dir) / name;
    if (::access(candidate.c_str(), X_OK) == 0) return fs::absolute(candidate).string();
  }
  return "";
}

std::map<std::string, std::uint64_t> LaunchPlan::log_cuts() const {
  std::map<std::string, std::uint64_t> cuts;
  for (const auto& [id, log] : logs_)
    if (log->cut_bytes() > 0) cuts[id] = log->cut_bytes();
  return cuts;
}

NodeLaunch LaunchPlan::make(const Scenario& scenario, const fs::path& run_dir, const std::string& id,
                            const std::vector<std::string>& argv, const std::string& what) {
  run_dir_ = fs::absolute(run_dir);
  std::size_t index = 0;
  while (index < scenario.nodes.ids.size() && scenario.nodes.ids[index] != id) ++index;
  const fs::path data = data_dir(id);
  std::error_code ec;
  fs::create_directories(data, ec);
  auto expand = [&](const std::string& text) {
    std::string a = fill(text, "node_id", id);
    a = fill(a, "node_index", std::to_string(index));
    a = fill(a, "data_dir", data.string());
    return addressing_.fill ? addressing_.fill(id, a) : a;
  };

  NodeLaunch launch;
  launch.id = id;
  for (const auto& arg : argv) launch.argv.push_back(expand(arg));
  if (launch.argv.empty()) throw SpawnError("node " + id + ": " + what + " is empty");
  const std::string exe = resolve_executable(launch.argv[0]);
  if (exe.empty() || !fs::exists(exe))
    throw SpawnError("node " + id + ": binary '" + launch.argv[0] + "' does not exist" +
                     (launch.argv[0].find('/') == std::string::npos ? " on PATH" : "") + " (" + what +
                     "[0] in " + scenario.path + "; build it first?)");
  launch.argv[0] = exe;
  for (const auto& [key, value] : scenario.nodes.env) launch.env[key] = expand(value);
  // The node runs in its own directory, so relative files it writes stay in
  // the run; argv[0] was made absolute above, before that change of directory.
  launch.cwd = scenario.nodes.cwd.empty() ? data : fs::absolute(scenario.nodes.cwd);
  if (addressing_.hosts_file) launch.hosts_file = addressing_.hosts_file(id);
  launch.max_line_bytes = scenario.network.max_message_bytes;
  return launch;
}

NodeLaunch LaunchPlan::launch(const Scenario& scenario, const fs::path& run_dir, const std::string& id) {
  NodeLaunch launch = make(scenario, run_dir, id, scenario.nodes.command, "nodes.command");
  launch.log_path = (run_dir_ / "node-logs" / (id + ".log")).string();
  auto& log = logs_[id];
  if (!log) log = std::make_shared<CappedLog>(launch.log_path);
  launch.stderr_log = log;
  return launch;
}

NodeLaunch LaunchPlan::ready_probe(const Scenario& scenario, const fs::path& run_dir, const std::string& id) {
  const std::vector<std::string> none;
  NodeLaunch probe = make(scenario, run_dir, id, scenario.nodes.ready ? scenario.nodes.ready->command : none,
                          "nodes.ready.command");
  probe.id = id + " (ready probe)";
  probe.log_path = (run_dir_ / "node-logs" / (id + ".ready.log")).string();
  auto& log = logs_[id + ".ready"];
  if (!log) log = std::make_shared<CappedLog>(probe.log_path);
  probe.stderr_log = log;
  return probe;
}

}  // namespace faultline::harness
