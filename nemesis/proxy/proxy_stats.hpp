#pragma once
// What the proxy plane did to real traffic, per link class (client <-> node,
// node <-> node), so a report can tell a fault that bit from one that
// touched nothing.
#include <boost/json.hpp>
#include <cstdint>

namespace faultline::nemesis::proxy {

struct TcpCounters {
  std::uint64_t opened = 0;     // connections accepted and connected upstream
  std::uint64_t refused = 0;    // accepted, then refused (down, or a partition with `refuse`)
  std::uint64_t reset = 0;      // reset by a fault (reset, on_heal: reset, a peer's RST)
  std::uint64_t closed = 0;     // closed by a fault (down, a killed node)
  std::uint64_t bytes = 0;      // forwarded
  std::uint64_t chunks = 0;     // forwarded reads (one read of the sender's bytes)
  std::uint64_t swallowed = 0;  // bytes a stall discarded
  std::uint64_t held = 0;       // times a partition held a direction with bytes waiting
};

struct UdpCounters {
  std::uint64_t sent = 0;        // datagrams received from a sender
  std::uint64_t delivered = 0;   // handed to the receiver (duplicates included)
  std::uint64_t dropped = 0;     // loss, partition, unknown reply address
  std::uint64_t duplicated = 0;  // extra copies made
};

struct ClassCounters {
  TcpCounters tcp;
  UdpCounters udp;
};

struct ProxyStats {
  ClassCounters clients;  // client <-> node links
  ClassCounters servers;  // node <-> node links
  ClassCounters& of(bool client) { return client ? clients : servers; }
  // Whether any byte or datagram crossed the plane at all.
  bool carried_traffic() const;
  boost::json::object to_json() const;
};

}  // namespace faultline::nemesis::proxy
