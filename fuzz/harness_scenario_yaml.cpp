// The scenario loader on arbitrary bytes: it must answer with a Scenario or a
// ScenarioError, never crash, hang or run out of memory (libFuzzer's -timeout
// and -rss_limit_mb turn a hang or a blow-up into a finding). Overrides take
// part too: the input's first line, when it holds '=', is a --set.
#include <cstddef>
#include <cstdint>
#include <string>

#include "harness/scenario/loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  faultline::harness::LoadOptions options;
  const auto newline = text.find('\n');
  if (newline != std::string::npos && text.substr(0, newline).find('=') != std::string::npos)
    options.overrides.push_back(text.substr(0, newline));
  try {
    faultline::harness::load_scenario_text(text, "fuzz.yaml", options);
  } catch (const faultline::harness::ScenarioError&) {
  }
  return 0;
}
