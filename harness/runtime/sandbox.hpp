#pragma once
// The run's own namespaces: `faultline run` enters a new user, mount, network
// and PID namespace once, while it is still single-threaded, so that
//  - no process of the run can outlive it: a tiny reaper is PID 1 of the run's
//    PID namespace and dies with the harness; when it dies the kernel kills
//    every process left in the namespace, even a node's grandchildren that
//    called setsid (sandbox_init.hpp shows the process tree);
//  - ports and 127.0.0.0/8 addresses never clash with the host or with a
//    parallel run (own network namespace holding only `lo`, brought up);
//  - a node can get a private /etc/hosts (own mount namespace, owned by the
//    run's user namespace, so no root is needed).
// `faultline check`, `report` and `validate` start no process: they never enter it.
#include <stdexcept>
#include <string>

namespace faultline::harness {

// The namespaces were entered but could not be set up (the run cannot go on).
class SandboxError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Sandbox {
 public:
  // Returns in the harness process, inside the namespaces. Where user
  // namespaces are unavailable (or FAULTLINE_SANDBOX=off) nothing is entered:
  // `active()` is false and `problem()` says why and what to enable; then the
  // harness becomes a child subreaper instead, so that `end()` still finds a
  // node's orphaned children (but a SIGKILLed harness can leave them behind).
  static Sandbox enter();

  Sandbox(Sandbox&& other) noexcept;
  Sandbox& operator=(Sandbox&&) = delete;
  Sandbox(const Sandbox&) = delete;
  ~Sandbox();

  bool active() const { return mode_ == Mode::Inside; }
  const std::string& problem() const { return problem_; }

  // Kills every process of the run but the harness itself, and reaps what it
  // can. Call it after the nodes are torn down; idempotent.
  void end();

 private:
  enum class Mode { None, Inside, Fallback };
  Sandbox() = default;
  Mode mode_ = Mode::None;
  std::string problem_;
};

}  // namespace faultline::harness
