#pragma once
// The TCP proxy of one directed link and port: it listens at the address
// only the source is told about and forwards each accepted connection to the
// destination's real address, so every byte's source is known by
// construction.
#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>

#include "nemesis/proxy/plane_context.hpp"

namespace faultline::nemesis::proxy {

class TcpConnection;

struct TcpLinkSpec {
  int src = -1, dst = -1;                   // endpoints of the run's network
  bool client = false;                      // a client <-> node link (for the stats)
  std::string name;                         // "n1 -> n2:peer", for errors and seed substreams
  boost::asio::ip::tcp::endpoint listen;    // port 0: any free port
  boost::asio::ip::tcp::endpoint upstream;  // the destination's real address
};

struct TcpLinkState {
  TcpLinkState(std::shared_ptr<PlaneContext> ctx, TcpLinkSpec spec)
      : ctx(std::move(ctx)), spec(std::move(spec)), acceptor(this->ctx->io) {}
  std::shared_ptr<PlaneContext> ctx;
  TcpLinkSpec spec;
  boost::asio::ip::tcp::acceptor acceptor;
  std::uint64_t next_connection = 0;
  std::unordered_map<TcpConnection*, std::shared_ptr<TcpConnection>> connections;
  TcpCounters& counters() { return ctx->stats.of(spec.client).tcp; }
};

class TcpLink {
 public:
  // Binds and listens now; throws std::runtime_error naming the link and the
  // address when it cannot (a port clash).
  TcpLink(std::shared_ptr<PlaneContext> ctx, TcpLinkSpec spec);
  ~TcpLink();
  TcpLink(const TcpLink&) = delete;
  TcpLink& operator=(const TcpLink&) = delete;

  boost::asio::ip::tcp::endpoint local_endpoint() const;
  const TcpLinkSpec& spec() const { return state_->spec; }
  std::size_t connections() const { return state_->connections.size(); }
  void links_changed();
  // Closes every connection to or from `endpoint` (a killed node).
  void close_endpoint(int endpoint);
  void stop();

 private:
  std::shared_ptr<TcpLinkState> state_;
};

}  // namespace faultline::nemesis::proxy
