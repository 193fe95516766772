#pragma once
// `faultline check --model NAME FILE`: the linearizability checker on a
// history recorded elsewhere (Faultline JSONL or Jepsen EDN).
#include <string>

namespace faultline::harness {

struct CheckCliOptions {
  std::string file;
  std::string model = "cas-register";
  bool keyed = false;
  double time_budget_s = 60;
  std::size_t memory_budget_mb = 1024;
  bool all_keys = false;
  std::string html;  // write the counterexample view here when set
};

// Exit codes as a run's: 0 valid, 1 invalid, 2 unknown, 254 unreadable input.
int check_command(const CheckCliOptions& options);

}  // namespace faultline::harness
