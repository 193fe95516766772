#include "harness/runtime/sandbox_init.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <vector>

namespace faultline::harness::sandbox_detail {

namespace {

// Exit the way the harness did, so the caller (a shell, the suite) sees the
// same status as without namespaces.
[[noreturn]] void exit_like(int status) {
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    ::signal(sig, SIG_DFL);
    sigset_t one;
    sigemptyset(&one);
    sigaddset(&one, sig);
    ::sigprocmask(SIG_UNBLOCK, &one, nullptr);
    ::raise(sig);
    ::_exit(128 + sig);
  }
  ::_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 255);
}

// The reaper holds no file of the run open: a pipe it kept would never see
// EOF, a log it kept would stay busy.
void keep_only(std::vector<int> keep) {
  const int null = ::open("/dev/null", O_RDWR);
  if (null >= 0) {
    ::dup2(null, 0);
    ::dup2(null, 1);
    if (null > 2) ::close(null);
  }
  keep.push_back(2);  // its rare messages go where the harness's do
  std::sort(keep.begin(), keep.end());
  unsigned from = 3;
  for (int fd : keep) {
    if (fd < 3) continue;
    if (static_cast<unsigned>(fd) > from) ::syscall(SYS_close_range, from, static_cast<unsigned>(fd) - 1, 0u);
    from = static_cast<unsigned>(fd) + 1;
  }
  ::syscall(SYS_close_range, from, UINT_MAX, 0u);
}

}  // namespace

sigset_t forwarded_signals() {
  sigset_t set;
  sigemptyset(&set);
  for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2}) sigaddset(&set, sig);
  return set;
}

void run_outer(pid_t reaper, int status_read_fd) {
  // Our stdout may be a pipe whose reader left; nothing here writes to it.
  ::signal(SIGPIPE, SIG_IGN);
  sigset_t wait_for = forwarded_signals();
  sigaddset(&wait_for, SIGCHLD);
  for (;;) {
    siginfo_t info{};
    const int sig = ::sigwaitinfo(&wait_for, &info);
    if (sig < 0) continue;
    if (sig != SIGCHLD) {
      ::kill(reaper, sig);
      continue;
    }
    int status = 0;
    if (::waitpid(reaper, &status, WNOHANG) != reaper) continue;
    int harness_status = 0;
    // The reaper passes the harness's status on; if it has none, the reaper
    // itself was killed, and with it the whole run.
    if (::read(status_read_fd, &harness_status, sizeof harness_status) == sizeof harness_status)
      exit_like(harness_status);
    exit_like(status);
  }
}

pid_t fork_harness_under_reaper(int alive_fd, int status_fd, const sigset_t& harness_mask) {
  // We are PID 1 of the run's namespace: if the outer process dies, so do we,
  // and the kernel then kills every process of the run.
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  const pid_t harness = ::fork();
  if (harness < 0) {
    std::fprintf(stderr, "faultline: cannot start the harness in the run's namespace: %s\n",
                 std::strerror(errno));
    ::_exit(255);
  }
  if (harness == 0) {
    ::sigprocmask(SIG_SETMASK, &harness_mask, nullptr);
    return 0;
  }
  ::prctl(PR_SET_NAME, "faultline-init");
  keep_only({alive_fd, status_fd});
  sigset_t signals = forwarded_signals();
  sigaddset(&signals, SIGCHLD);
  const int sigfd = ::signalfd(-1, &signals, SFD_CLOEXEC);
  for (;;) {
    int status = 0;
    for (pid_t pid; (pid = ::waitpid(-1, &status, WNOHANG)) > 0;) {
      if (pid != harness) continue;
      ::write(status_fd, &status, sizeof status);
      ::_exit(0);
    }
    pollfd fds[2] = {{alive_fd, POLLIN, 0}, {sigfd, POLLIN, 0}};
    if (::poll(fds, sigfd >= 0 ? 2 : 1, sigfd >= 0 ? -1 : 100) < 0) continue;
    if (fds[0].revents) ::_exit(1);  // the outer process is gone (EOF)
    if (sigfd >= 0 && (fds[1].revents & POLLIN)) {
      signalfd_siginfo info{};
      if (::read(sigfd, &info, sizeof info) == sizeof info && info.ssi_signo != SIGCHLD)
        ::kill(harness, static_cast<int>(info.ssi_signo));
    }
  }
}

}  // namespace faultline::harness::sandbox_detail
