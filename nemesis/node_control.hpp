#pragma once
// What the nemesis may do to node processes. The harness owns the processes
// and implements this; the nemesis only asks.
#include <string>

#include <sys/types.h>

namespace faultline::nemesis {

class NodeControl {
 public:
  virtual ~NodeControl() = default;
  // SIGKILL the node's group; its exit is expected, not a crash.
  virtual pid_t kill_node(const std::string& id) = 0;
  // Start it again (same data dir unless wiped); returns the new pid, -1 on failure.
  virtual pid_t restart_node(const std::string& id, bool wipe) = 0;
  virtual pid_t pause_node(const std::string& id) = 0;
  virtual pid_t resume_node(const std::string& id) = 0;
  virtual bool node_running(const std::string& id) const = 0;
};

}  // namespace faultline::nemesis
