#include "lib/connection.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>

#include "lib/protocol.hpp"

namespace fl_adapter {

namespace {

std::pair<std::string, std::string> split_address(const std::string& address) {
  const auto colon = address.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == address.size())
    throw Failure(kMalformedRequest, "address '" + address + "' is not host:port");
  return {address.substr(0, colon), address.substr(colon + 1)};
}

}  // namespace

void Connection::open(const std::string& address) {
  if (stream_ && address == address_) return;
  close();
  const auto [host, port] = split_address(address);
  boost::asio::ip::tcp::resolver resolver(io_);
  boost::system::error_code ec;
  const auto endpoints = resolver.resolve(host, port, ec);
  if (ec) throw Failure(kTemporarilyUnavailable, "cannot resolve " + address + ": " + ec.message());
  stream_.emplace(io_);
  stream_->expires_after(timeout_);
  stream_->async_connect(endpoints, [&](boost::system::error_code e, const auto&) { ec = e; });
  io_.restart();
  io_.run();
  if (ec) {
    stream_.reset();
    // Nothing was sent: the operation certainly did not happen.
    throw Failure(kTemporarilyUnavailable, "cannot connect to " + address + ": " + ec.message());
  }
  address_ = address;
  buffer_.clear();
}

void Connection::close() {
  if (stream_) {
    boost::system::error_code ignored;
    stream_->socket().close(ignored);
    stream_.reset();
  }
  buffer_.clear();
}

void Connection::write(std::string_view data) {
  run([&](boost::beast::tcp_stream& s, auto handler) {
    boost::asio::async_write(s, boost::asio::buffer(data.data(), data.size()), std::move(handler));
  });
}

void Connection::read_more() {
  run([&](boost::beast::tcp_stream& s, auto handler) {
    s.async_read_some(buffer_.prepare(64 * 1024),
                      [this, handler](boost::system::error_code ec, std::size_t n) {
                        buffer_.commit(n);
                        handler(ec, n);
                      });
  });
}

void Connection::fail_after_send(const boost::system::error_code& ec) {
  const std::string address = address_;
  close();
  if (ec == boost::beast::error::timeout)
    throw Failure(kTimeout,
                  "no answer from " + address + " within " + std::to_string(timeout_.count()) + "ms");
  throw Failure(kCrash, "connection to " + address + " lost: " + ec.message());
}

}  // namespace fl_adapter
