#include "nemesis/proxy/proxy_stats.hpp"

namespace faultline::nemesis::proxy {

namespace {
boost::json::object class_json(const ClassCounters& c) {
  return {{"tcp",
           {{"connections_opened", c.tcp.opened},
            {"connections_refused", c.tcp.refused},
            {"connections_reset", c.tcp.reset},
            {"connections_closed", c.tcp.closed},
            {"bytes", c.tcp.bytes},
            {"chunks", c.tcp.chunks},
            {"bytes_swallowed", c.tcp.swallowed},
            {"holds", c.tcp.held}}},
          {"udp",
           {{"datagrams_sent", c.udp.sent},
            {"datagrams_delivered", c.udp.delivered},
            {"datagrams_dropped", c.udp.dropped},
            {"datagrams_duplicated", c.udp.duplicated}}}};
}
}  // namespace

bool ProxyStats::carried_traffic() const {
  return clients.tcp.bytes + servers.tcp.bytes + clients.udp.sent + servers.udp.sent + clients.tcp.opened +
             servers.tcp.opened >
         0;
}

boost::json::object ProxyStats::to_json() const {
  return {{"clients", class_json(clients)}, {"servers", class_json(servers)}};
}

}  // namespace faultline::nemesis::proxy
