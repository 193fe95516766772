#pragma once
// What a node's process does to itself between fork and exec (a Boost.Process
// v2 initializer): its own process group, so teardown can kill whatever the
// node spawned; death with the harness; its own working directory; and, when
// asked, a private /etc/hosts (bind-mounted in a mount namespace of its own,
// which the run's user namespace lets us create without root).
#include <boost/process/v2/posix/default_launcher.hpp>

namespace faultline::harness {

struct NodeChildSetup {
  const char* cwd = nullptr;         // chdir here when set (after the command path was resolved)
  const char* hosts_file = nullptr;  // bind-mounted over /etc/hosts when set

  boost::process::v2::error_code on_exec_setup(boost::process::v2::posix::default_launcher&,
                                               const boost::process::v2::filesystem::path&,
                                               const char* const*);
};

}  // namespace faultline::harness
