#include "lib/socket_loop.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace faultline::node {

sockaddr_in resolve(const std::string& host_port) {
  const auto colon = host_port.rfind(':');
  if (colon == std::string::npos) throw std::runtime_error("'" + host_port + "' is not host:port");
  const std::string host = host_port.substr(0, colon);
  const std::string port = host_port.substr(colon + 1);
  addrinfo hints{};
  hints.ai_family = AF_INET;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), port.c_str(), &hints, &found) != 0 || !found)
    throw std::runtime_error("cannot resolve '" + host_port + "'");
  sockaddr_in out{};
  std::memcpy(&out, found->ai_addr, sizeof out);
  freeaddrinfo(found);
  return out;
}

std::string flag(int argc, char** argv, const std::string& name, const std::string& fallback) {
  for (int i = 1; i + 1 < argc; ++i)
    if (argv[i] == name) return argv[i + 1];
  return fallback;
}

namespace {
[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "%s: %s\n", what.c_str(), std::strerror(errno));
  std::exit(2);
}
}  // namespace

int SocketLoop::listen_tcp(const std::string& host_port, LineHandler on_line) {
  const sockaddr_in addr = resolve(host_port);
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  const int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0)
    die("cannot listen on " + host_port);
  if (::listen(fd, 128) != 0) die("cannot listen on " + host_port);
  fds_[fd] = {Fd::Listener, std::move(on_line), {}, {}};
  std::fprintf(stderr, "listening on %s (tcp)\n", host_port.c_str());
  return fd;
}

int SocketLoop::listen_udp(const std::string& host_port, DatagramHandler on_datagram) {
  const sockaddr_in addr = resolve(host_port);
  const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0)
    die("cannot listen on " + host_port);
  fds_[fd] = {Fd::Datagram, {}, std::move(on_datagram), {}};
  std::fprintf(stderr, "listening on %s (udp)\n", host_port.c_str());
  return fd;
}

int SocketLoop::connect_tcp(const std::string& host_port, LineHandler on_line) {
  sockaddr_in addr{};
  try {
    addr = resolve(host_port);
  } catch (const std::exception&) {
    return -1;
  }
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  fds_[fd] = {Fd::Stream, std::move(on_line), {}, {}};
  return fd;
}

bool SocketLoop::send_line(int fd, const std::string& line) {
  if (!is_open(fd)) return false;
  const std::string out = line + "\n";
  std::size_t off = 0;
  while (off < out.size()) {
    const ssize_t n = ::send(fd, out.data() + off, out.size() - off, MSG_NOSIGNAL);
    if (n <= 0) {
      close(fd);
      return false;
    }
    off += static_cast<std::size_t>(n);
  }
  return true;
}

void SocketLoop::send_to(int fd, const std::string& data, const sockaddr_in& to) {
  ::sendto(fd, data.data(), data.size(), 0, reinterpret_cast<const sockaddr*>(&to), sizeof to);
}

void SocketLoop::close(int fd) {
  if (fds_.erase(fd)) ::close(fd);
}

void SocketLoop::every(std::chrono::milliseconds period, std::function<void()> f) {
  timers_.push_back({period, std::chrono::steady_clock::now() + period, std::move(f)});
}

void SocketLoop::readable(int fd) {
  auto it = fds_.find(fd);
  if (it == fds_.end()) return;
  char buf[65536];
  if (it->second.kind == Fd::Listener) {
    const int conn = ::accept(fd, nullptr, nullptr);
    if (conn < 0) return;
    const int one = 1;
    ::setsockopt(conn, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    fds_[conn] = {Fd::Stream, it->second.on_line, {}, {}};
    return;
  }
  if (it->second.kind == Fd::Datagram) {
    sockaddr_in from{};
    socklen_t len = sizeof from;
    const ssize_t n = ::recvfrom(fd, buf, sizeof buf, 0, reinterpret_cast<sockaddr*>(&from), &len);
    if (n >= 0) it->second.on_datagram(fd, std::string(buf, static_cast<std::size_t>(n)), from);
    return;
  }
  const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
  if (n <= 0) return close(fd);
  it->second.pending.append(buf, static_cast<std::size_t>(n));
  std::size_t nl;
  while ((nl = it->second.pending.find('\n')) != std::string::npos) {
    std::string line = it->second.pending.substr(0, nl);
    it->second.pending.erase(0, nl + 1);
    auto handler = it->second.on_line;  // the handler may close this fd
    handler(fd, line);
    it = fds_.find(fd);
    if (it == fds_.end()) return;
  }
}

void SocketLoop::run() {
  for (;;) {
    std::vector<pollfd> polled;
    for (const auto& [fd, info] : fds_) polled.push_back({fd, POLLIN, 0});
    int timeout = -1;
    const auto now = std::chrono::steady_clock::now();
    for (const auto& t : timers_) {
      const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.next - now).count();
      timeout = timeout < 0 ? static_cast<int>(std::max<long>(0, ms))
                            : std::min(timeout, static_cast<int>(std::max<long>(0, ms)));
    }
    ::poll(polled.data(), polled.size(), timeout);
    for (const auto& p : polled)
      if (p.revents) readable(p.fd);
    const auto after = std::chrono::steady_clock::now();
    for (auto& t : timers_) {
      if (t.next <= after) {
        t.next = after + t.period;
        t.f();
      }
    }
  }
}

}  // namespace faultline::node
