#include "nemesis/network_stats.hpp"

namespace faultline::nemesis {

namespace {
boost::json::object counters_json(const LinkCounters& c) {
  return {{"sent", c.sent},         {"delivered", c.delivered},
          {"dropped", c.dropped},   {"duplicated", c.duplicated},
          {"over_cap", c.over_cap}, {"forwarded", c.forwarded}};
}
}  // namespace

LinkCounters NetworkStats::all() const {
  return {clients.sent + servers.sent,         clients.delivered + servers.delivered,
          clients.dropped + servers.dropped,   clients.duplicated + servers.duplicated,
          clients.over_cap + servers.over_cap, clients.forwarded + servers.forwarded};
}

boost::json::object NetworkStats::to_json(std::uint64_t client_invokes) const {
  const auto total = all();
  const double per_op = [&](std::uint64_t n) {
    return client_invokes ? static_cast<double>(n) / static_cast<double>(client_invokes) : 0.0;
  }(total.sent);
  const double server_per_op =
      client_invokes ? static_cast<double>(servers.sent) / static_cast<double>(client_invokes) : 0.0;
  return {{"all", counters_json(total)},
          {"clients", counters_json(clients)},
          {"servers", counters_json(servers)},
          {"msgs_per_op", per_op},
          {"server_msgs_per_op", server_per_op}};
}

}  // namespace faultline::nemesis
