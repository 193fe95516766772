#pragma once
// The two small processes that hold a run's namespaces (see sandbox.hpp):
//
//   faultline run (outer)      stays in the caller's PID namespace, with the
//     │                         pid the caller knows: forwards INT/TERM/HUP/QUIT
//     │                         inward and exits with the harness's status
//     └─ reaper (PID 1)         the run's init: reaps orphans, forwards signals
//          └─ harness           continues `faultline run` inside the namespace,
//               └─ nodes ...    where it may start threads (checkers)
//
// Whichever of the three dies, the namespace and every process in it die.
#include <signal.h>
#include <sys/types.h>

namespace faultline::harness::sandbox_detail {

// The signals the outer process and the reaper pass on to the harness.
sigset_t forwarded_signals();

// The outer process, after forking the reaper: never returns.
[[noreturn]] void run_outer(pid_t reaper, int status_read_fd);

// Forks the harness (returns 0 in it, with `harness_mask` restored) and, in
// the parent, runs the reaper until the harness is gone (never returns there).
// `alive_fd` reads EOF when the outer process dies; `status_fd` takes the
// harness's wait status for the outer process.
pid_t fork_harness_under_reaper(int alive_fd, int status_fd, const sigset_t& harness_mask);

}  // namespace faultline::harness::sandbox_detail
