#pragma once
// The UDP proxy of one directed link and port. Datagrams the source sends to
// the listen address cross src -> dst to the destination's real address;
// datagrams the destination sends back (to the listen address, the only
// source it saw) cross dst -> src to the source's last address. Each one
// is dropped, duplicated, delayed and reordered per datagram, as the stdio
// router does per message, with draws from the run's seed.
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <queue>
#include <string>
#include <vector>

#include "history/seed.hpp"
#include "nemesis/proxy/plane_context.hpp"

namespace faultline::nemesis::proxy {

struct UdpLinkSpec {
  int src = -1, dst = -1;
  bool client = false;
  std::string name;                         // "n1 -> n2:gossip"
  boost::asio::ip::udp::endpoint listen;    // port 0: any free port
  boost::asio::ip::udp::endpoint upstream;  // the destination's real address
};

class UdpLink {
 public:
  // Binds now; throws std::runtime_error naming the link and address on failure.
  UdpLink(std::shared_ptr<PlaneContext> ctx, UdpLinkSpec spec);
  ~UdpLink();
  UdpLink(const UdpLink&) = delete;
  UdpLink& operator=(const UdpLink&) = delete;

  boost::asio::ip::udp::endpoint local_endpoint() const;
  const UdpLinkSpec& spec() const;
  // Datagrams already in flight keep their fate; a partition that began
  // since still cuts them on delivery, as the router does.
  void links_changed() {}
  void stop();

  struct State;

 private:
  std::shared_ptr<State> state_;
};

}  // namespace faultline::nemesis::proxy
