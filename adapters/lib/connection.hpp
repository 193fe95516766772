#pragma once
// One TCP connection to one node, with a deadline on every step. What a
// failed step means for the operation is decided here, once for every
// adapter: a connection that could not be opened sent nothing (definite
// code 11); a timeout or a connection lost after sending leaves the
// operation unknown (codes 0 and 13).
#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace fl_adapter {

class Connection {
 public:
  explicit Connection(std::chrono::milliseconds timeout) : timeout_(timeout) {}
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Connects to "host:port" unless already connected there. Throws Failure.
  void open(const std::string& address);
  void close();
  bool is_open() const { return stream_.has_value(); }

  // Run one asynchronous Beast/Asio operation on the stream to completion
  // within the timeout: `start(stream, handler)` initiates it. Throws Failure
  // (and closes) on timeout or error.
  template <class Start>
  std::size_t run(Start&& start) {
    boost::system::error_code result;
    std::size_t bytes = 0;
    stream_->expires_after(timeout_);
    start(*stream_, [&](boost::system::error_code ec, std::size_t n) {
      result = ec;
      bytes = n;
    });
    io_.restart();
    io_.run();
    if (result) fail_after_send(result);
    return bytes;
  }

  // Writes all of `data`, then reads until `complete(buffer)` returns true.
  void write(std::string_view data);
  boost::beast::flat_buffer& buffer() { return buffer_; }
  void read_more();

  const std::string& address() const { return address_; }

 private:
  [[noreturn]] void fail_after_send(const boost::system::error_code& ec);

  std::chrono::milliseconds timeout_;
  boost::asio::io_context io_;
  std::optional<boost::beast::tcp_stream> stream_;
  boost::beast::flat_buffer buffer_;
  std::string address_;
};

}  // namespace fl_adapter
