#include "harness/runtime/node_child_setup.hpp"

#include <sched.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <unistd.h>
#include <cerrno>
#include <csignal>

namespace faultline::harness {

namespace bp = boost::process::v2;

namespace {
bp::error_code last_error() { return bp::error_code(errno, bp::system_category()); }
}  // namespace

// Only async-signal-safe calls: this runs in the forked child of a process
// that may have other threads.
bp::error_code NodeChildSetup::on_exec_setup(bp::posix::default_launcher&, const bp::filesystem::path&,
                                             const char* const*) {
  // The harness ignores SIGPIPE; an ignored signal would stay ignored across exec.
  ::signal(SIGPIPE, SIG_DFL);
  if (::setpgid(0, 0) != 0) return last_error();
  if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) return last_error();
  // The harness may have died between fork and prctl: then our parent is an
  // init (the host's, or the run's reaper).
  if (::getppid() == 1) ::_exit(1);
  if (hosts_file) {
    if (::unshare(CLONE_NEWNS) != 0) return last_error();
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) return last_error();
    if (::mount(hosts_file, "/etc/hosts", nullptr, MS_BIND, nullptr) != 0) return last_error();
  }
  if (cwd && ::chdir(cwd) != 0) return last_error();
  return {};
}

}  // namespace faultline::harness
