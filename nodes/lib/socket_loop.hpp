#pragma once
// A tiny poll(2) loop for the TCP/UDP test servers: they stand in for real
// networked systems, so they use plain sockets, one thread, and names that
// resolve through /etc/hosts (getaddrinfo), as such systems do.
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <netinet/in.h>

namespace faultline::node {

// "host:port" -> IPv4 address, resolving names; throws std::runtime_error.
sockaddr_in resolve(const std::string& host_port);
std::string flag(int argc, char** argv, const std::string& name, const std::string& fallback = "");

class SocketLoop {
 public:
  using LineHandler = std::function<void(int fd, const std::string& line)>;
  using DatagramHandler = std::function<void(int fd, const std::string& data, const sockaddr_in& from)>;

  // Exits the process with a log line if it cannot listen: a port clash
  // must be loud.
  int listen_tcp(const std::string& host_port, LineHandler on_line);
  int listen_udp(const std::string& host_port, DatagramHandler on_datagram);
  // A connected TCP socket, or -1 (the peer is down or unreachable).
  int connect_tcp(const std::string& host_port, LineHandler on_line);
  // False if the connection is gone (it is closed then).
  bool send_line(int fd, const std::string& line);
  void send_to(int fd, const std::string& data, const sockaddr_in& to);
  void close(int fd);
  bool is_open(int fd) const { return fds_.count(fd) > 0; }
  void every(std::chrono::milliseconds period, std::function<void()> f);
  [[noreturn]] void run();

 private:
  struct Fd {
    enum Kind { Listener, Stream, Datagram } kind;
    LineHandler on_line;
    DatagramHandler on_datagram;
    std::string pending;
  };
  struct Timer {
    std::chrono::milliseconds period;
    std::chrono::steady_clock::time_point next;
    std::function<void()> f;
  };
  void readable(int fd);
  std::map<int, Fd> fds_;
  std::vector<Timer> timers_;
};

}  // namespace faultline::node
