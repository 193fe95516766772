#pragma once
// The proxy plane: every TCP and UDP link proxy of a run, on the run's single
// io_context (no thread per connection). It reads each link's faults through
// a lookup when bytes or datagrams cross, and is told when they change.
#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <memory>
#include <vector>

#include "nemesis/network.hpp"
#include "nemesis/proxy/plane_context.hpp"
#include "nemesis/proxy/tcp_link.hpp"
#include "nemesis/proxy/udp_link.hpp"

namespace faultline::nemesis::proxy {

// The network owner's view of links, as the plane reads them. The caller
// also subscribes the plane: network.subscribe([&] { plane.links_changed(); }).
inline LinkLookup links_of(const Network& network) {
  return [&network](int src, int dst) -> const LinkFaults& { return network.link(src, dst); };
}

class ProxyPlane {
 public:
  ProxyPlane(boost::asio::io_context& io, LinkLookup lookup, std::uint64_t seed);
  ~ProxyPlane();
  ProxyPlane(const ProxyPlane&) = delete;
  ProxyPlane& operator=(const ProxyPlane&) = delete;

  // Listen now (throw std::runtime_error naming the link and address if the
  // address is taken); return the bound address (port 0 picks one).
  boost::asio::ip::tcp::endpoint add_tcp(TcpLinkSpec spec);
  boost::asio::ip::udp::endpoint add_udp(UdpLinkSpec spec);

  // Some link's faults changed: held bytes flow on heal, connections are
  // reset or closed as `reset`, `down` and `on_heal` say.
  void links_changed();
  // A node was killed: every proxied connection to or from it closes.
  void close_endpoint(int endpoint);
  // Stop listening and close everything (idempotent).
  void stop();

  const ProxyStats& stats() const { return ctx_->stats; }
  std::size_t open_connections() const;

 private:
  std::shared_ptr<PlaneContext> ctx_;
  std::vector<std::unique_ptr<TcpLink>> tcp_;
  std::vector<std::unique_ptr<UdpLink>> udp_;
};

}  // namespace faultline::nemesis::proxy
