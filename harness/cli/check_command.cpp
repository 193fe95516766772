#include "harness/cli/check_command.hpp"

#include <fstream>
#include <iostream>

#include "checkers/linearizability/check_file.hpp"
#include "checkers/linearizability/html.hpp"
#include "harness/runtime/pretty_json.hpp"
#include "harness/runtime/results.hpp"

namespace faultline::harness {

int check_command(const CheckCliOptions& options) {
  checkers::lin::LinOptions lin;
  try {
    lin = checkers::lin::parse_lin_options({{"model", options.model},
                                            {"keyed", options.keyed},
                                            {"time_budget", options.time_budget_s},
                                            {"memory_budget_mb", options.memory_budget_mb},
                                            {"all_keys", options.all_keys}});
  } catch (const std::invalid_argument& e) {
    std::cerr << "faultline check: " << e.what() << "\n";
    return 254;
  }
  history::History history;
  try {
    history = checkers::lin::load_history_file(options.file);
  } catch (const std::exception& e) {
    std::cerr << "faultline check: " << e.what() << "\n";
    return 254;
  }
  const auto result = checkers::lin::check_history(history, lin);
  boost::json::object out{{"valid", checkers::verdict_json(result.verdict)}};
  for (const auto& [k, v] : result.details) out[k] = v;
  std::cout << pretty_json(out) << "\n";
  if (!options.html.empty()) {
    std::ofstream(options.html) << checkers::lin::render_linearizability_html(result);
    std::cerr << "wrote " << options.html << "\n";
  }
  std::cerr << options.file << ": " << checkers::verdict_name(result.verdict) << "\n";
  return exit_code_for(result.verdict);
}

}  // namespace faultline::harness
