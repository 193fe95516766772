#pragma once
// Real sockets around a proxy plane: the plane and an echo server run on an
// io_context in a background thread (as in a run, one loop owns them); the
// test dials through the proxy with plain blocking sockets, and changes link
// faults on the loop, as the nemesis driver would.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio.hpp>
#include <cerrno>
#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <thread>

#include "nemesis/proxy/plane.hpp"

namespace proxy_test {

using namespace faultline::nemesis;
using namespace faultline::nemesis::proxy;
using tcp = boost::asio::ip::tcp;
using udp = boost::asio::ip::udp;
using namespace std::chrono_literals;

constexpr int kClient = 0;
constexpr int kServer = 1;

// Echoes every byte back and counts what it got, per read.
class EchoServer {
 public:
  explicit EchoServer(boost::asio::io_context& io)
      : acceptor_(io, tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0)) {
    accept();
  }
  tcp::endpoint endpoint() const { return acceptor_.local_endpoint(); }
  std::atomic<int> accepted{0};
  std::atomic<std::size_t> bytes{0};
  std::atomic<int> reads{0};
  std::atomic<bool> echo{true};
  void stop() {
    boost::system::error_code ec;
    acceptor_.close(ec);
  }

 private:
  struct Session : std::enable_shared_from_this<Session> {
    Session(tcp::socket s, EchoServer& server) : socket(std::move(s)), server(server) {}
    tcp::socket socket;
    EchoServer& server;
    char data[65536];
    void read() {
      socket.async_read_some(boost::asio::buffer(data), [self = shared_from_this()](auto ec, std::size_t n) {
        if (ec) return;
        self->server.bytes += n;
        ++self->server.reads;
        if (!self->server.echo) return self->read();
        boost::asio::async_write(self->socket, boost::asio::buffer(self->data, n),
                                 [self](auto ec2, std::size_t) {
                                   if (!ec2) self->read();
                                 });
      });
    }
  };
  void accept() {
    acceptor_.async_accept([this](auto ec, tcp::socket s) {
      if (ec == boost::asio::error::operation_aborted) return;
      if (!ec) {
        ++accepted;
        std::make_shared<Session>(std::move(s), *this)->read();
      }
      accept();
    });
  }
  tcp::acceptor acceptor_;
};

// A UDP echo server: every datagram goes back to its sender.
class UdpEcho {
 public:
  explicit UdpEcho(boost::asio::io_context& io)
      : socket_(io, udp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0)) {
    receive();
  }
  udp::endpoint endpoint() const { return socket_.local_endpoint(); }
  std::atomic<int> received{0};
  std::atomic<bool> echo{true};

 private:
  void receive() {
    socket_.async_receive_from(boost::asio::buffer(data_), sender_, [this](auto ec, std::size_t n) {
      if (ec) return;
      ++received;
      boost::system::error_code ignored;
      if (echo) socket_.send_to(boost::asio::buffer(data_, n), sender_, 0, ignored);
      receive();
    });
  }
  udp::socket socket_;
  udp::endpoint sender_;
  char data_[65536];
};

struct ProxyRig {
  explicit ProxyRig(std::uint64_t seed = 1)
      : plane(
            io, [this](int s, int d) -> const LinkFaults& { return links[s][d]; }, seed),
        server(io),
        udp_server(io) {
    proxy = plane.add_tcp({kClient, kServer, false, "c1 -> n1:client",
                           tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0), server.endpoint()});
    udp_proxy =
        plane.add_udp({kClient, kServer, false, "c1 -> n1:gossip",
                       udp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0), udp_server.endpoint()});
    runner = std::thread([this] { io.run(); });
  }
  // Runs f on the loop and waits for it.
  template <class F>
  auto on_loop(F f) {
    std::packaged_task<decltype(f())()> task(std::move(f));
    auto done = task.get_future();
    boost::asio::post(io, [&task] { task(); });
    return done.get();
  }
  ~ProxyRig() {
    on_loop([this] {
      plane.stop();
      server.stop();
    });
    work.reset();
    io.stop();
    runner.join();
  }
  // Changes faults on the loop and tells the plane, as the nemesis driver does.
  void change(const std::function<void(LinkFaults& there, LinkFaults& back)>& f) {
    on_loop([&] {
      f(links[kClient][kServer], links[kServer][kClient]);
      plane.links_changed();
    });
  }
  ProxyStats stats() {
    return on_loop([this] { return plane.stats(); });
  }

  boost::asio::io_context io;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work{
      io.get_executor()};
  LinkFaults links[2][2];
  ProxyPlane plane;
  EchoServer server;
  UdpEcho udp_server;
  tcp::endpoint proxy;
  udp::endpoint udp_proxy;
  std::thread runner;
};

// Plain blocking client sockets.
inline int dial(const tcp::endpoint& to) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(to.port());
  addr.sin_addr.s_addr = htonl(to.address().to_v4().to_uint());
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

inline int dial_udp(const udp::endpoint& to) {
  int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(to.port());
  addr.sin_addr.s_addr = htonl(to.address().to_v4().to_uint());
  ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  return fd;
}

inline void send_all(int fd, const std::string& bytes) {
  std::size_t off = 0;
  while (off < bytes.size()) {
    const ssize_t n = ::send(fd, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
    if (n <= 0) return;
    off += static_cast<std::size_t>(n);
  }
}

struct ReadResult {
  std::string bytes;
  bool eof = false;
  int error = 0;  // errno of a failed read, e.g. ECONNRESET
};

// Reads until `want` bytes arrived, the peer closed, an error, or `timeout`.
inline ReadResult read_for(int fd, std::size_t want, std::chrono::milliseconds timeout) {
  ReadResult r;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  char buf[65536];
  while (r.bytes.size() < want) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n == 0) {
      r.eof = true;
      break;
    }
    if (n < 0) {
      r.error = errno;
      break;
    }
    r.bytes.append(buf, static_cast<std::size_t>(n));
  }
  return r;
}

inline std::string pattern(std::size_t n) {
  std::string s(n, '\0');
  for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>('a' + (i * 7 + i / 26) % 26);
  return s;
}

template <class Pred>
bool eventually(Pred pred, std::chrono::milliseconds timeout = 2000ms) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (pred()) return true;
    std::this_thread::sleep_for(2ms);
  }
  return pred();
}

}  // namespace proxy_test
