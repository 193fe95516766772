#include "nemesis/proxy/plane.hpp"

namespace faultline::nemesis::proxy {

ProxyPlane::ProxyPlane(boost::asio::io_context& io, LinkLookup lookup, std::uint64_t seed)
    : ctx_(std::make_shared<PlaneContext>(io, std::move(lookup), seed)) {}

ProxyPlane::~ProxyPlane() { stop(); }

boost::asio::ip::tcp::endpoint ProxyPlane::add_tcp(TcpLinkSpec spec) {
  tcp_.push_back(std::make_unique<TcpLink>(ctx_, std::move(spec)));
  return tcp_.back()->local_endpoint();
}

boost::asio::ip::udp::endpoint ProxyPlane::add_udp(UdpLinkSpec spec) {
  udp_.push_back(std::make_unique<UdpLink>(ctx_, std::move(spec)));
  return udp_.back()->local_endpoint();
}

void ProxyPlane::links_changed() {
  for (auto& link : tcp_) link->links_changed();
  for (auto& link : udp_) link->links_changed();
}

void ProxyPlane::close_endpoint(int endpoint) {
  for (auto& link : tcp_) link->close_endpoint(endpoint);
}

void ProxyPlane::stop() {
  for (auto& link : tcp_) link->stop();
  for (auto& link : udp_) link->stop();
  ctx_->stopped = true;
}

std::size_t ProxyPlane::open_connections() const {
  std::size_t n = 0;
  for (const auto& link : tcp_) n += link->connections();
  return n;
}

}  // namespace faultline::nemesis::proxy
