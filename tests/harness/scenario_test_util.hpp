#pragma once
// Shared by the scenario_* tests: load text and get its errors back.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "harness/scenario/loader.hpp"

namespace faultline::harness::test {

// A small valid scenario; tests append or override to break one thing.
inline const std::string kBase = R"(name: t
nodes:
  count: 3
  command: [build/nodes/echo]
workload:
  type: echo
)";

inline std::vector<std::string> errors_of(const std::string& text, LoadOptions options = {}) {
  try {
    load_scenario_text(text, "s.yaml", options);
  } catch (const ScenarioError& e) {
    return e.errors();
  }
  FAIL("expected a ScenarioError for:\n" << text);
  return {};
}

// The one error the text must produce.
inline std::string only_error(const std::string& text, LoadOptions options = {}) {
  auto errors = errors_of(text, std::move(options));
  INFO("errors:\n"
       << [&] {
            std::string all;
            for (const auto& e : errors) all += e + "\n";
            return all;
          }());
  REQUIRE(errors.size() == 1);
  return errors.front();
}

inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// Some error of the text contains `needle`.
inline bool contains_error(const std::string& text, LoadOptions options, const std::string& needle) {
  for (const auto& e : errors_of(text, std::move(options)))
    if (contains(e, needle)) return true;
  return false;
}

}  // namespace faultline::harness::test
