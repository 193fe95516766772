#include "harness/runtime/sandbox.hpp"

#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <vector>

#include "harness/runtime/sandbox_init.hpp"

namespace faultline::harness {

namespace fs = std::filesystem;

namespace {

std::string read_first_line(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

// unshare(CLONE_NEWUSER) refuses a process with more than one thread.
int thread_count() {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("Threads:", 0) == 0) return std::atoi(line.c_str() + 8);
  return 1;
}

// Why unshare(CLONE_NEWUSER) failed, and the knob that would allow it here.
std::string unavailable_reason(int err) {
  std::string why = std::string("user namespaces are unavailable (unshare: ") + std::strerror(err) + ")";
  std::vector<std::string> knobs;
  if (read_first_line("/proc/sys/kernel/unprivileged_userns_clone") == "0")
    knobs.push_back("sysctl -w kernel.unprivileged_userns_clone=1");
  if (read_first_line("/proc/sys/user/max_user_namespaces") == "0")
    knobs.push_back("sysctl -w user.max_user_namespaces=15000");
  if (read_first_line("/proc/sys/kernel/apparmor_restrict_unprivileged_userns") == "1")
    knobs.push_back("sysctl -w kernel.apparmor_restrict_unprivileged_userns=0");
  if (knobs.empty()) {
    why +=
        "; enable them (sysctl kernel.unprivileged_userns_clone=1 where it exists, "
        "user.max_user_namespaces > 0), or allow unshare/clone in the container's seccomp profile";
  } else {
    why += "; enable them with";
    for (std::size_t i = 0; i < knobs.size(); ++i) why += (i ? " and `" : " `") + knobs[i] + "`";
  }
  return why;
}

void write_file(const std::string& path, const std::string& text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0 || ::write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
    const int err = errno;
    if (fd >= 0) ::close(fd);
    throw SandboxError("cannot write " + path + ": " + std::strerror(err));
  }
  ::close(fd);
}

// The caller's uid and gid become root of the new user namespace, so it may
// configure the namespaces it owns; files it creates still belong to the caller.
void map_caller_to_root(uid_t uid, gid_t gid) {
  write_file("/proc/self/setgroups", "deny");
  write_file("/proc/self/uid_map", "0 " + std::to_string(uid) + " 1");
  write_file("/proc/self/gid_map", "0 " + std::to_string(gid) + " 1");
}

// A new network namespace has `lo` down: nothing, not even 127.0.0.1, works.
void bring_loopback_up() {
  const int s = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (s < 0) throw SandboxError(std::string("socket for `lo`: ") + std::strerror(errno));
  ifreq req{};
  std::strncpy(req.ifr_name, "lo", IFNAMSIZ - 1);
  int rc = ::ioctl(s, SIOCGIFFLAGS, &req);
  if (rc == 0) {
    req.ifr_flags = static_cast<short>(req.ifr_flags | IFF_UP | IFF_RUNNING);
    rc = ::ioctl(s, SIOCSIFFLAGS, &req);
  }
  const int err = errno;
  ::close(s);
  if (rc != 0) throw SandboxError(std::string("cannot bring `lo` up: ") + std::strerror(err));
}

// Inside the PID namespace, /proc must show its pids: the harness and the
// nodes see node pids as this namespace numbers them. Mounts stay private to
// the run. Best effort: a node that never reads /proc does not care.
void mount_own_proc() {
  if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) return;
  ::mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr);
}

std::vector<pid_t> children_of(pid_t parent) {
  std::vector<pid_t> kids;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/proc", ec)) {
    const std::string name = entry.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    const std::string stat = read_first_line(entry.path() / "stat");
    const auto close = stat.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(stat.substr(close + 1));
    char state = 0;
    pid_t ppid = 0;
    rest >> state >> ppid;
    if (ppid == parent) kids.push_back(static_cast<pid_t>(std::stol(name)));
  }
  return kids;
}

}  // namespace

Sandbox Sandbox::enter() {
  Sandbox box;
  const char* setting = std::getenv("FAULTLINE_SANDBOX");
  const int threads = thread_count();
  const uid_t uid = ::getuid();  // read before: inside, unmapped ids read as "nobody"
  const gid_t gid = ::getgid();
  if (setting && std::string(setting) == "off") {
    box.problem_ = "namespaces disabled by FAULTLINE_SANDBOX=off";
  } else if (threads > 1) {
    // A bug of ours, not of the host: something started a thread too early.
    box.problem_ =
        "cannot enter namespaces: the harness already runs " + std::to_string(threads) + " threads";
  } else {
    if (::unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWPID) != 0)
      box.problem_ = unavailable_reason(errno);
  }
  if (!box.problem_.empty()) {
    ::prctl(PR_SET_CHILD_SUBREAPER, 1);
    box.mode_ = Mode::Fallback;
    return box;
  }
  map_caller_to_root(uid, gid);
  bring_loopback_up();

  // From here three processes share the work (sandbox_init.hpp). Output
  // buffered so far must be written once, not once per fork.
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  sigset_t blocked = sandbox_detail::forwarded_signals();
  sigaddset(&blocked, SIGCHLD);
  sigset_t harness_mask;
  ::sigprocmask(SIG_BLOCK, &blocked, &harness_mask);
  int alive[2], status[2];
  if (::pipe2(alive, O_CLOEXEC) != 0 || ::pipe2(status, O_CLOEXEC) != 0)
    throw SandboxError(std::string("pipe: ") + std::strerror(errno));
  const pid_t reaper = ::fork();
  if (reaper < 0) throw SandboxError(std::string("cannot start the run's init: ") + std::strerror(errno));
  if (reaper > 0) {
    ::close(alive[0]);
    ::close(status[1]);
    sandbox_detail::run_outer(reaper, status[0]);
  }
  ::close(alive[1]);
  ::close(status[0]);
  sandbox_detail::fork_harness_under_reaper(alive[0], status[1], harness_mask);
  ::close(alive[0]);
  ::close(status[1]);
  mount_own_proc();
  box.mode_ = Mode::Inside;
  return box;
}

Sandbox::Sandbox(Sandbox&& other) noexcept : mode_(other.mode_), problem_(std::move(other.problem_)) {
  other.mode_ = Mode::None;
}

Sandbox::~Sandbox() { end(); }

void Sandbox::end() {
  if (mode_ == Mode::Inside) {
    // In our PID namespace, -1 is every process but its init and ourselves:
    // exactly the run's processes. The init reaps the orphans among them.
    ::kill(-1, SIGKILL);
    while (::waitpid(-1, nullptr, WNOHANG) > 0) {
    }
  } else if (mode_ == Mode::Fallback) {
    // As subreaper we inherit the orphans of our descendants; killing a child
    // hands us its children, so repeat until none is left (bounded: a fork
    // bomb must not keep the harness here).
    for (int round = 0; round < 100; ++round) {
      const auto kids = children_of(::getpid());
      if (kids.empty()) break;
      for (pid_t kid : kids) ::kill(kid, SIGKILL);
      for (pid_t kid : kids) ::waitpid(kid, nullptr, 0);
    }
  }
}

}  // namespace faultline::harness
