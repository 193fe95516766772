#include "harness/runtime/client_channels.hpp"

#include "harness/runtime/launch_plan.hpp"
#include "harness/runtime/router_channel.hpp"

namespace faultline::harness {

namespace fs = std::filesystem;

namespace {

std::string fill_client_id(std::string arg, const std::string& id) {
  const std::string pattern = "{{client_id}}";
  for (auto pos = arg.find(pattern); pos != std::string::npos; pos = arg.find(pattern, pos + id.size()))
    arg.replace(pos, pattern.size(), id);
  return arg;
}

}  // namespace

boost::json::object adapter_init_line(const std::string& client_id, const Scenario& scenario,
                                      boost::json::object addresses) {
  boost::json::array ids;
  for (const auto& n : scenario.nodes.ids) {
    ids.emplace_back(n);
    if (!addresses.contains(n)) addresses[n] = boost::json::object{};
  }
  return {{"type", "init"},
          {"client_id", client_id},
          {"node_ids", std::move(ids)},
          {"nodes", std::move(addresses)},
          {"options", scenario.client ? scenario.client->options : boost::json::object{}}};
}

ChannelFactory make_channel_factory(boost::asio::io_context& io, nemesis::Router& router,
                                    const Scenario& scenario, const fs::path& run_dir,
                                    ClientAddresses addresses, AdapterChannel::Hooks hooks) {
  if (!scenario.client) {
    return [&io, &router](const std::string& id) -> std::unique_ptr<ClientChannel> {
      return std::make_unique<RouterChannel>(io, router, id);
    };
  }
  std::error_code ec;
  fs::create_directories(run_dir / "client-logs", ec);
  const fs::path logs = fs::absolute(run_dir / "client-logs");
  return [&io, &scenario, logs, addresses, hooks](const std::string& id) -> std::unique_ptr<ClientChannel> {
    const AdapterSpec& spec = *scenario.client;
    AdapterLaunch launch;
    launch.process.id = id;
    for (const auto& arg : spec.command) launch.process.argv.push_back(fill_client_id(arg, id));
    // A missing binary is reported when the adapter is started (a fatal run error).
    if (!launch.process.argv.empty()) {
      const std::string exe = resolve_executable(launch.process.argv[0]);
      if (!exe.empty()) launch.process.argv[0] = exe;
    }
    launch.process.env = spec.env;
    launch.process.log_path = (logs / (id + ".log")).string();
    launch.process.max_line_bytes = scenario.network.max_message_bytes;
    launch.init = adapter_init_line(id, scenario, addresses ? addresses(id) : boost::json::object{});
    launch.init_timeout = spec.init_timeout;
    return std::make_unique<AdapterChannel>(io, std::move(launch), hooks);
  };
}

}  // namespace faultline::harness
