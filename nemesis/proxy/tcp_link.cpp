#include "nemesis/proxy/tcp_link.hpp"

#include <stdexcept>
#include <vector>

#include "nemesis/proxy/tcp_connection.hpp"

namespace faultline::nemesis::proxy {

namespace {
using tcp = boost::asio::ip::tcp;

std::string address_text(const tcp::endpoint& e) {
  return e.address().to_string() + ":" + std::to_string(e.port());
}

void accept_next(const std::shared_ptr<TcpLinkState>& state) {
  state->acceptor.async_accept([state](const boost::system::error_code& ec, tcp::socket socket) {
    if (state->ctx->stopped || !state->acceptor.is_open()) return;
    if (!ec) {
      auto connection = std::make_shared<TcpConnection>(state, std::move(socket), state->next_connection++);
      state->connections.emplace(connection.get(), connection);
      connection->start();
    }
    // Errors such as EMFILE are transient for a listener: keep accepting.
    accept_next(state);
  });
}

// A copy, because handling a change may close connections and erase them.
std::vector<std::shared_ptr<TcpConnection>> snapshot(const TcpLinkState& state) {
  std::vector<std::shared_ptr<TcpConnection>> out;
  out.reserve(state.connections.size());
  for (const auto& [raw, connection] : state.connections) out.push_back(connection);
  return out;
}
}  // namespace

TcpLink::TcpLink(std::shared_ptr<PlaneContext> ctx, TcpLinkSpec spec)
    : state_(std::make_shared<TcpLinkState>(std::move(ctx), std::move(spec))) {
  auto& acceptor = state_->acceptor;
  boost::system::error_code ec;
  const auto& listen = state_->spec.listen;
  acceptor.open(listen.protocol(), ec);
  if (!ec) acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor.bind(listen, ec);
  if (!ec) acceptor.listen(boost::asio::socket_base::max_listen_connections, ec);
  if (ec) {
    throw std::runtime_error("the proxy for " + state_->spec.name + " cannot listen on " +
                             address_text(listen) + ": " + ec.message());
  }
  accept_next(state_);
}

TcpLink::~TcpLink() { stop(); }

tcp::endpoint TcpLink::local_endpoint() const { return state_->acceptor.local_endpoint(); }

void TcpLink::links_changed() {
  for (const auto& connection : snapshot(*state_)) connection->links_changed();
}

void TcpLink::close_endpoint(int endpoint) {
  for (const auto& connection : snapshot(*state_)) {
    if (connection->touches(endpoint)) {
      ++state_->counters().closed;
      connection->close();
    }
  }
}

void TcpLink::stop() {
  boost::system::error_code ec;
  state_->acceptor.close(ec);
  for (const auto& connection : snapshot(*state_)) connection->close();
}

}  // namespace faultline::nemesis::proxy
