#pragma once
#include <stdexcept>
#include <string>
#include <vector>

#include "harness/scenario/scenario.hpp"

namespace faultline::harness {

// Bad input: what is wrong, where (file:line:column), and what is allowed.
class ScenarioError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct LoadOptions {
  std::vector<std::string> overrides;  // --set key.path=value, applied before validation
};

// Throws ScenarioError.
Scenario load_scenario(const std::string& path, const LoadOptions& options = {});
Scenario load_scenario_text(const std::string& text, const std::string& name_for_errors,
                            const LoadOptions& options = {});

}  // namespace faultline::harness
