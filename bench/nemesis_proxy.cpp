// Proxy plane overhead, measured against the same client talking directly to
// the same server in the same run:
//   1. added latency of a small request/response (p50, p99),
//   2. bulk throughput through one connection,
//   3. 1,000 concurrent proxied connections: memory per connection (RSS
//      growth over the same connections made directly) and echo throughput.
// The proxy runs on its own io_context thread, as in a run; the servers in
// child processes; the client in the main thread.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <csignal>

#include <algorithm>
#include <boost/asio.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "nemesis/proxy/plane.hpp"

using namespace faultline::nemesis;
using tcp = boost::asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

// Echo (or sink) server in a child process, as a node is in a run, so the
// bench's RSS holds only the client and the proxy.
class Server {
 public:
  explicit Server(bool echo) {
    int ports[2];
    if (::pipe(ports) != 0) std::exit(1);
    pid_ = ::fork();
    if (pid_ == 0) {
      boost::asio::io_context io;
      tcp::acceptor acceptor(io, tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
      const unsigned short port = acceptor.local_endpoint().port();
      if (::write(ports[1], &port, sizeof port) != sizeof port) std::_Exit(1);
      accept(acceptor, echo);
      io.run();
      std::_Exit(0);
    }
    unsigned short port = 0;
    if (::read(ports[0], &port, sizeof port) != sizeof port) std::exit(1);
    ::close(ports[0]);
    ::close(ports[1]);
    endpoint_ = tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port);
  }
  ~Server() {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  tcp::endpoint endpoint() const { return endpoint_; }

 private:
  struct Session : std::enable_shared_from_this<Session> {
    Session(tcp::socket s, bool echo) : socket(std::move(s)), echo(echo) {}
    tcp::socket socket;
    bool echo;
    std::vector<char> data = std::vector<char>(256 * 1024);
    void read() {
      socket.async_read_some(boost::asio::buffer(data), [self = shared_from_this()](auto ec, std::size_t n) {
        if (ec) return;
        if (!self->echo) return self->read();
        boost::asio::async_write(self->socket, boost::asio::buffer(self->data.data(), n),
                                 [self](auto ec2, std::size_t) {
                                   if (!ec2) self->read();
                                 });
      });
    }
  };
  static void accept(tcp::acceptor& acceptor, bool echo) {
    acceptor.async_accept([&acceptor, echo](auto ec, tcp::socket s) {
      if (ec) return;
      s.set_option(tcp::no_delay(true));
      std::make_shared<Session>(std::move(s), echo)->read();
      accept(acceptor, echo);
    });
  }
  pid_t pid_ = -1;
  tcp::endpoint endpoint_;
};

// A proxy plane with one clean link in front of `upstream`, on its own thread.
class Proxy {
 public:
  explicit Proxy(const tcp::endpoint& upstream)
      : plane_(
            io_, [this](int, int) -> const LinkFaults& { return clean_; }, 1) {
    endpoint_ = plane_.add_tcp(
        {0, 1, false, "bench", tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0), upstream});
    thread_ = std::thread([this] { io_.run(); });
  }
  ~Proxy() {
    boost::asio::post(io_, [this] { plane_.stop(); });
    work_.reset();
    thread_.join();
  }
  tcp::endpoint endpoint() const { return endpoint_; }

 private:
  boost::asio::io_context io_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_{
      io_.get_executor()};
  LinkFaults clean_;
  proxy::ProxyPlane plane_;
  tcp::endpoint endpoint_;
  std::thread thread_;
};

int dial(const tcp::endpoint& to) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(to.port());
  addr.sin_addr.s_addr = htonl(to.address().to_v4().to_uint());
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    std::perror("connect");
    std::exit(1);
  }
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

void write_all(int fd, const char* data, std::size_t n) {
  while (n > 0) {
    const ssize_t k = ::send(fd, data, n, MSG_NOSIGNAL);
    if (k <= 0) std::exit(1);
    data += k;
    n -= static_cast<std::size_t>(k);
  }
}

void read_all(int fd, char* data, std::size_t n) {
  while (n > 0) {
    const ssize_t k = ::recv(fd, data, n, 0);
    if (k <= 0) std::exit(1);
    data += k;
    n -= static_cast<std::size_t>(k);
  }
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

// Round trips of a 64-byte request, in microseconds.
std::vector<double> round_trips(const tcp::endpoint& to, int count) {
  const int fd = dial(to);
  char buf[64] = {};
  std::vector<double> us;
  for (int i = 0; i < count + 1000; ++i) {
    const auto start = Clock::now();
    write_all(fd, buf, sizeof buf);
    read_all(fd, buf, sizeof buf);
    if (i >= 1000) us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
  }
  ::close(fd);
  return us;
}

// MB/s of a one-way bulk transfer to a sink.
double bulk(const tcp::endpoint& to, std::size_t total) {
  const int fd = dial(to);
  std::vector<char> block(256 * 1024, 'x');
  const auto start = Clock::now();
  for (std::size_t sent = 0; sent < total; sent += block.size()) write_all(fd, block.data(), block.size());
  ::shutdown(fd, SHUT_WR);
  char c;
  ::recv(fd, &c, 1, 0);  // the sink never answers: wait until our bytes are taken by the close
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  ::close(fd);
  return static_cast<double>(total) / 1e6 / seconds;
}

long rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string key;
  long value = 0;
  while (status >> key) {
    if (key == "VmRSS:") {
      status >> value;
      return value;
    }
    status.ignore(1 << 20, '\n');
  }
  return 0;
}

struct Many {
  double rss_kib_per_connection;
  double mb_per_s;
};

// `n` connections open at once; each sends 1 KiB and reads it back, round
// robin, for `duration`.
Many many(const tcp::endpoint& to, int n, std::chrono::milliseconds duration) {
  const long before = rss_kib();
  std::vector<int> fds;
  for (int i = 0; i < n; ++i) fds.push_back(dial(to));
  char buf[1024] = {};
  for (int fd : fds) {  // touch every connection once so buffers are in use
    write_all(fd, buf, sizeof buf);
    read_all(fd, buf, sizeof buf);
  }
  const long after = rss_kib();
  std::size_t bytes = 0;
  const auto start = Clock::now();
  while (Clock::now() - start < duration) {
    for (int fd : fds) write_all(fd, buf, sizeof buf);
    for (int fd : fds) read_all(fd, buf, sizeof buf);
    bytes += 2 * sizeof buf * fds.size();
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  for (int fd : fds) ::close(fd);
  return {static_cast<double>(after - before) / n, static_cast<double>(bytes) / 1e6 / seconds};
}

}  // namespace

int main(int argc, char** argv) {
  const int trips = argc > 1 ? std::atoi(argv[1]) : 20000;
  const std::size_t bulk_bytes = (argc > 2 ? std::atoll(argv[2]) : 1024) * 1024 * 1024ULL;
  const int connections = 1000;

  Server echo(true);
  Server sink(false);
  {
    Proxy to_echo(echo.endpoint());
    const auto direct = round_trips(echo.endpoint(), trips);
    const auto proxied = round_trips(to_echo.endpoint(), trips);
    const double d50 = percentile(direct, 0.5), d99 = percentile(direct, 0.99);
    const double p50 = percentile(proxied, 0.5), p99 = percentile(proxied, 0.99);
    std::printf("latency (64 B request/response, %d round trips)\n", trips);
    std::printf("  direct   p50 %7.1f us  p99 %7.1f us\n", d50, d99);
    std::printf("  proxied  p50 %7.1f us  p99 %7.1f us\n", p50, p99);
    std::printf("  added    p50 %7.1f us  p99 %7.1f us\n", p50 - d50, p99 - d99);
  }
  {
    Proxy to_sink(sink.endpoint());
    const double direct = bulk(sink.endpoint(), bulk_bytes);
    const double proxied = bulk(to_sink.endpoint(), bulk_bytes);
    std::printf("bulk throughput (%zu MiB, one connection)\n", bulk_bytes >> 20);
    std::printf("  direct  %8.0f MB/s\n  proxied %8.0f MB/s  (%.0f%% of direct)\n", direct, proxied,
                100 * proxied / direct);
  }
  {
    // The proxied run first, so the direct run cannot leave it warm pages.
    Proxy to_echo(echo.endpoint());
    const auto proxied = many(to_echo.endpoint(), connections, std::chrono::milliseconds(2000));
    const auto direct = many(echo.endpoint(), connections, std::chrono::milliseconds(2000));
    std::printf("%d concurrent connections (1 KiB echo, round robin, 2 s)\n", connections);
    std::printf("  direct   %6.1f KiB RSS/connection  %7.0f MB/s\n", direct.rss_kib_per_connection,
                direct.mb_per_s);
    std::printf("  proxied  %6.1f KiB RSS/connection  %7.0f MB/s\n", proxied.rss_kib_per_connection,
                proxied.mb_per_s);
    std::printf("  proxy    %6.1f KiB RSS/connection added\n",
                proxied.rss_kib_per_connection - direct.rss_kib_per_connection);
  }
}
