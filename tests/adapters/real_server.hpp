#pragma once
// A real etcd or redis-server from Debian, started by a test on a free port
// in a temp dir, in its own process group; killed (group and all) and its
// dir removed at the end, so a test leaves no process behind.
#include <filesystem>
#include <string>
#include <vector>

namespace adapters_test {

int free_port();

class RealServer {
 public:
  // `argv` may use {{dir}} and {{port}} / {{port2}} (two free ports).
  RealServer(const std::string& name, std::vector<std::string> argv);
  ~RealServer();
  RealServer(const RealServer&) = delete;
  RealServer& operator=(const RealServer&) = delete;

  // False if nothing listens on 127.0.0.1:port() within the time.
  bool wait_listening(int timeout_ms = 20000) const;
  void pause();   // SIGSTOP
  void resume();  // SIGCONT
  void kill();    // SIGKILL the group and reap
  bool alive() const;

  int port() const { return port_; }
  int port2() const { return port2_; }
  int pid() const { return pid_; }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
  int port_ = 0;
  int port2_ = 0;
  int pid_ = -1;
};

// Whether `program` is on PATH (tests of a real system are skipped with a
// message when its package is not installed: scripts/install-deps.sh).
bool installed(const std::string& program);

}  // namespace adapters_test
