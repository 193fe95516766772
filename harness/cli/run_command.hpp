#pragma once
// `faultline run` and `faultline validate`.
#include <string>
#include <vector>

namespace faultline::harness {

struct RunCliOptions {
  std::string scenario;
  std::string seed;        // empty: the scenario's
  std::string time_limit;  // empty: the scenario's
  std::string store = "store";
  std::string run_dir;
  std::vector<std::string> sets;
  bool no_progress = false;
};

int run_command(const RunCliOptions& options);
int validate_command(const std::vector<std::string>& scenarios, const std::vector<std::string>& sets);

}  // namespace faultline::harness
