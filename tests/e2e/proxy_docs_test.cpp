// Every yaml example in docs/networked.md runs through the real binary and
// gets the verdict the page says (VALID, or INVALID when its first line is
// `# expect: invalid`), leaving nothing running.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "faultline_run.hpp"

using namespace faultline::e2e;

TEST_CASE("docs/networked.md's examples run as documented", "[e2e][proxy][docs]") {
  std::ifstream in(FAULTLINE_SOURCE_DIR "/docs/networked.md");
  REQUIRE(in);
  std::vector<std::string> blocks;
  std::string line, block;
  bool open = false;
  while (std::getline(in, line)) {
    if (open && line.rfind("```", 0) == 0) {
      blocks.push_back(block);
      open = false;
    } else if (open) {
      block += line + "\n";
    } else if (line == "```yaml") {
      block.clear();
      open = true;
    }
  }
  REQUIRE(blocks.size() >= 3);
  for (const auto& yaml : blocks) {
    const bool invalid = yaml.rfind("# expect: invalid", 0) == 0;
    // A loaded machine can take seconds to start a Python adapter.
    const auto out = run_scenario_text(yaml, {"--set", "client.init_timeout=60s"});
    INFO(yaml << "\nexit " << out.exit_code << "\n" << out.output);
    CHECK(out.exit_code == (invalid ? 1 : 0));
    CHECK(out.leftover_pids.empty());
  }
}
