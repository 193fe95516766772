// A TCP counter server, one line per request: `add N` -> `ok`, `read` ->
// `value V`; any other line is echoed back, so byte-stream faults can be seen
// end to end. `--listen HOST:PORT` (default 127.0.0.1:7000).
#include <cstdlib>

#include "lib/socket_loop.hpp"

int main(int argc, char** argv) {
  using faultline::node::SocketLoop;
  SocketLoop loop;
  long long value = 0;
  loop.listen_tcp(faultline::node::flag(argc, argv, "--listen", "127.0.0.1:7000"),
                  [&](int fd, const std::string& line) {
                    if (line.rfind("add ", 0) == 0) {
                      value += std::atoll(line.c_str() + 4);
                      loop.send_line(fd, "ok");
                    } else if (line == "read") {
                      loop.send_line(fd, "value " + std::to_string(value));
                    } else {
                      loop.send_line(fd, line);
                    }
                  });
  loop.run();
}
