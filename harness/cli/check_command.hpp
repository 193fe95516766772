#pragma once
// `faultline check [--checker NAME] FILE`: any registered checker on a
// history recorded elsewhere: Faultline JSONL, Jepsen EDN, or a Jepsen /
// elle-cli JSON array; with --keyed, Jepsen's independent [key value]
// histories, checked key by key.
#include <optional>
#include <string>
#include <vector>

namespace faultline::harness {

struct CheckCliOptions {
  std::string file;
  std::string format = "auto";  // history::history_format_from_name; porcupine-kv implies --model string-kv
  std::string checker = "linearizable";
  std::string model;              // linearizable: a name from lin::model_table() (default cas-register)
  std::string consistency_model;  // list-append, rw-register
  bool keyed = false;
  std::optional<double> time_budget_s;
  std::optional<double> memory_budget_mb;
  bool all_keys = false;
  std::vector<std::string> options;  // KEY=VALUE, VALUE as JSON or else a string
  std::string html;                  // linearizable: write the counterexample view here
};

// "register | cas-register | ...": the --model help, from the model table.
std::string linearizability_model_help();

// Exit codes as a run's: 0 valid, 1 invalid, 2 unknown, 254 bad input or options.
int check_command(const CheckCliOptions& options);

}  // namespace faultline::harness
