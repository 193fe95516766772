// A peer-replicated TCP counter that is broken under network faults: each
// `add N` is applied locally and acknowledged at once, then sent once to
// every peer as `inc N` over a peer connection, with no ack and no retry.
// A peer that is unreachable, partitioned (when the connection is reset on
// heal), stalled or down never gets the increment, so reads on different
// nodes disagree and acknowledged adds are missing from the final reads.
// Without faults every node converges. Client protocol as tcp_counter.
//   --listen HOST:PORT       clients
//   --peer-listen HOST:PORT  peers
//   --peers H:P,H:P          the nodes' peer ports (names resolve via /etc/hosts)
//   --name N                 this node's name: a peer entry N:P is itself and skipped, so
//                            every member can get the same list (hosts: true)
#include <cstdlib>
#include <sstream>
#include <vector>

#include "lib/socket_loop.hpp"

int main(int argc, char** argv) {
  using faultline::node::flag;
  using faultline::node::SocketLoop;
  SocketLoop loop;
  long long value = 0;
  std::vector<std::string> peers;
  std::stringstream list(flag(argc, argv, "--peers"));
  const std::string self = flag(argc, argv, "--name");
  for (std::string p; std::getline(list, p, ',');)
    if (!p.empty() && (self.empty() || p.substr(0, p.rfind(':')) != self)) peers.push_back(p);
  std::vector<int> links(peers.size(), -1);

  auto on_peer_line = [&](int, const std::string& line) {
    if (line.rfind("inc ", 0) == 0) value += std::atoll(line.c_str() + 4);
  };
  loop.listen_tcp(flag(argc, argv, "--peer-listen", "127.0.0.1:7001"), on_peer_line);
  loop.listen_tcp(flag(argc, argv, "--listen", "127.0.0.1:7000"), [&](int fd, const std::string& line) {
    if (line.rfind("add ", 0) == 0) {
      const long long delta = std::atoll(line.c_str() + 4);
      value += delta;
      loop.send_line(fd, "ok");
      for (std::size_t i = 0; i < peers.size(); ++i) {
        // The bug: one attempt per peer, fire and forget.
        if (!loop.is_open(links[i])) links[i] = loop.connect_tcp(peers[i], on_peer_line);
        if (links[i] >= 0) loop.send_line(links[i], "inc " + std::to_string(delta));
      }
    } else if (line == "read") {
      loop.send_line(fd, "value " + std::to_string(value));
    } else {
      loop.send_line(fd, line);
    }
  });
  loop.run();
}
