#pragma once
// Stand-ins for child `faultline run` processes in suite tests, and a probe
// that a process has ended.
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "../report/run_fixture.hpp"

namespace faultline::test {

// A stand-in for the faultline binary: a script that behaves like `faultline
// run` (writes results.json into --run-dir, exits with the verdict's code),
// doing `body` after it has read its arguments and made the run dir.
inline std::filesystem::path fake_faultline(const std::filesystem::path& dir, const std::string& body) {
  const std::filesystem::path p = dir / "fake-faultline";
  write_file(p,
             "#!/bin/sh\n# args: run SCENARIO --seed N --run-dir DIR --store STORE\n"
             "scenario=$2; seed=$4; rundir=$6; mkdir -p \"$rundir\"\n" +
                 body);
  ::chmod(p.c_str(), 0755);
  return p;
}

// Dead, or a zombie waiting for a reaper: either way no longer running.
inline bool gone_within_seconds(const std::string& pid, int seconds) {
  for (int i = 0; i < seconds * 20; ++i) {
    const std::string stat = read_file("/proc/" + pid + "/stat");
    const auto paren = stat.rfind(')');
    if (stat.empty() || (paren != std::string::npos && stat.substr(paren + 2, 1) == "Z")) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

}  // namespace faultline::test
