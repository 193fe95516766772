#pragma once
#include <stdexcept>
#include <string>
#include <vector>

#include "harness/scenario/scenario.hpp"

namespace faultline::harness {

// Bad input: what is wrong, where (file:line:column), and what is allowed.
// what() holds every error found, one per line, in file order.
class ScenarioError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
  explicit ScenarioError(std::vector<std::string> errors);

  // One entry per problem ("FILE:LINE:COLUMN: what is wrong; allowed: ...").
  std::vector<std::string> errors() const {
    return errors_.empty() ? std::vector<std::string>{what()} : errors_;
  }

 private:
  std::vector<std::string> errors_;
};

struct LoadOptions {
  // --set key.path=value, applied in order before validation; the value is
  // YAML (`nemesis=[]`, `workload.params={topology: grid}`). --seed and
  // --time-limit are passed here too, as seed=N and time_limit=D.
  std::vector<std::string> overrides;
};

// Throws ScenarioError.
Scenario load_scenario(const std::string& path, const LoadOptions& options = {});
Scenario load_scenario_text(const std::string& text, const std::string& name_for_errors,
                            const LoadOptions& options = {});

}  // namespace faultline::harness
