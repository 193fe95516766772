// spawner (leaves processes behind): answers echo like `echo`, but at start
// leaves a child that sleeps forever and a daemon (setsid, then a second fork,
// so its grandchild belongs to no one) and writes their pids to children.txt
// in its working directory. With `--listen PORT` it also listens on
// 127.0.0.1:PORT and connects to itself before serving, exiting 2 when it
// cannot. A harness must leave none of these processes behind, even when it
// is killed itself, and must keep such ports from clashing with the host's.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

#include "lib/node.hpp"

namespace {

[[noreturn]] void sleep_forever() {
  const int null = ::open("/dev/null", O_RDWR);
  ::dup2(null, 0);
  ::dup2(null, 1);
  for (;;) ::pause();
}

pid_t leave_child() {
  const pid_t pid = ::fork();
  if (pid == 0) sleep_forever();
  return pid;
}

// The classic daemon: its middle process exits, so the grandchild is an
// orphan in a session of its own, out of reach of the node's process group.
pid_t leave_daemon() {
  int fds[2];
  if (::pipe(fds) != 0) return -1;
  const pid_t middle = ::fork();
  if (middle == 0) {
    ::setsid();
    const pid_t grandchild = ::fork();
    if (grandchild == 0) sleep_forever();
    ::write(fds[1], &grandchild, sizeof grandchild);
    ::_exit(0);
  }
  pid_t grandchild = -1;
  ::read(fds[0], &grandchild, sizeof grandchild);
  ::close(fds[0]);
  ::close(fds[1]);
  return grandchild;
}

bool listen_and_connect(int port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const int server = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (::bind(server, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(server, 1) != 0)
    return false;
  const int client = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  return ::connect(client, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;  // both stay open
}

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "--listen" && !listen_and_connect(std::atoi(argv[i + 1]))) {
      std::fprintf(stderr, "spawner: cannot listen on 127.0.0.1:%s: %s\n", argv[i + 1], std::strerror(errno));
      return 2;
    }
  }
  const pid_t child = leave_child();
  const pid_t daemon = leave_daemon();
  std::ofstream("children.txt") << child << " " << daemon << "\n";
  fl_node::Node node;
  node.on("echo", [&](const fl_node::Message& req) {
    node.reply(req, {{"type", "echo_ok"}, {"echo", fl_node::field(req.body, "echo")}});
  });
  return node.run();
}
