// The UDP twin of tcp_counter, one request per datagram: `add N` -> `ok`,
// `read` -> `value V`, anything else echoed. Every datagram is applied as it
// arrives, so loss and duplication show in the count. `--listen HOST:PORT`.
#include <cstdlib>

#include "lib/socket_loop.hpp"

int main(int argc, char** argv) {
  using faultline::node::SocketLoop;
  SocketLoop loop;
  long long value = 0;
  loop.listen_udp(faultline::node::flag(argc, argv, "--listen", "127.0.0.1:7000"),
                  [&](int fd, const std::string& data, const sockaddr_in& from) {
                    if (data.rfind("add ", 0) == 0) {
                      value += std::atoll(data.c_str() + 4);
                      loop.send_to(fd, "ok", from);
                    } else if (data == "read") {
                      loop.send_to(fd, "value " + std::to_string(value), from);
                    } else {
                      loop.send_to(fd, data, from);
                    }
                  });
  loop.run();
}
