// Every yaml example in docs/scenarios.md and every scenario shipped in
// scenarios/ must load: documentation that does not validate is wrong.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "harness/scenario/loader.hpp"

using namespace faultline::harness;
namespace fs = std::filesystem;

namespace {

struct Block {
  int line = 0;  // of the opening fence
  std::string text;
};

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<Block> yaml_blocks(const std::string& markdown) {
  std::vector<Block> blocks;
  std::istringstream in(markdown);
  std::string line;
  int number = 0;
  Block* open = nullptr;
  while (std::getline(in, line)) {
    ++number;
    if (open) {
      if (line.rfind("```", 0) == 0) {
        open = nullptr;
      } else {
        open->text += line + "\n";
      }
    } else if (line == "```yaml") {
      blocks.push_back({number, ""});
      open = &blocks.back();
    } else if (line.rfind("```", 0) == 0) {
      // Another language's block: skip to its end.
      while (std::getline(in, line) && line.rfind("```", 0) != 0) ++number;
      ++number;
    }
  }
  return blocks;
}

// Top-level sections of a YAML text, keyed by name, each with its lines.
std::vector<std::pair<std::string, std::string>> sections(const std::string& text) {
  static const std::regex kTopKey("^([A-Za-z_]+):.*");
  std::vector<std::pair<std::string, std::string>> out;
  std::istringstream in(text);
  std::string line;
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_match(line, m, kTopKey)) out.emplace_back(m[1], "");
    if (!out.empty()) out.back().second += line + "\n";
  }
  return out;
}

bool has_top_key(const std::string& text, const std::string& key) {
  for (const auto& [name, body] : sections(text))
    if (name == key) return true;
  return false;
}

// The fragment first (so its line numbers stay those of the block), then
// every base section it does not replace.
std::string merge_into_base(const std::string& fragment) {
  static const std::string kBase =
      "name: docs-example\n"
      "nodes:\n  count: 3\n  command: [build/nodes/echo]\n"
      "workload:\n  type: echo\n";
  std::string merged = fragment;
  for (const auto& [name, body] : sections(kBase))
    if (!has_top_key(fragment, name)) merged += body;
  return merged;
}

}  // namespace

TEST_CASE("every yaml block in docs/scenarios.md loads", "[scenario][docs]") {
  const fs::path doc = fs::path(FAULTLINE_SOURCE_DIR) / "docs" / "scenarios.md";
  REQUIRE(fs::exists(doc));
  const auto blocks = yaml_blocks(read_file(doc));
  // The reference has an example per section; losing them is a doc bug.
  REQUIRE(blocks.size() >= 7);
  int complete = 0;
  for (const auto& block : blocks) {
    const bool whole = has_top_key(block.text, "name");
    complete += whole ? 1 : 0;
    const std::string origin = "docs/scenarios.md(block at line " + std::to_string(block.line) + ")";
    INFO(origin << ":\n" << block.text);
    try {
      const Scenario s = load_scenario_text(whole ? block.text : merge_into_base(block.text), origin);
      CHECK(s.warnings.empty());
    } catch (const ScenarioError& e) {
      FAIL_CHECK(e.what());
    }
  }
  CHECK(complete >= 1);
}

TEST_CASE("every scenario in scenarios/ loads", "[scenario][docs]") {
  const fs::path dir = fs::path(FAULTLINE_SOURCE_DIR) / "scenarios";
  if (!fs::exists(dir)) return;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".yaml") continue;
    const std::string text = read_file(entry.path());
    // Suite files (faultline suite) list scenarios; they are not scenarios.
    if (has_top_key(text, "scenarios")) continue;
    INFO(entry.path().string());
    try {
      load_scenario(entry.path().string());
    } catch (const ScenarioError& e) {
      FAIL_CHECK(e.what());
    }
  }
}

TEST_CASE("the yaml blocks of docs/testing-your-own-system.md make the shipped etcd scenario",
          "[scenario][docs]") {
  // The tutorial builds scenarios/etcd.yaml piece by piece: its blocks, in
  // order, must load and start the same cluster under the same faults.
  std::string text;
  for (const auto& block :
       yaml_blocks(read_file(fs::path(FAULTLINE_SOURCE_DIR) / "docs" / "testing-your-own-system.md")))
    text += block.text;
  INFO(text);
  const Scenario tutorial = load_scenario_text(text, "docs/testing-your-own-system.md");
  const Scenario shipped = load_scenario(FAULTLINE_SOURCE_DIR "/scenarios/etcd.yaml");
  CHECK(tutorial.nodes.command == shipped.nodes.command);
  CHECK(tutorial.nodes.ids == shipped.nodes.ids);
  CHECK(tutorial.nodes.hosts == shipped.nodes.hosts);
  REQUIRE(tutorial.nodes.ready);
  CHECK(tutorial.nodes.ready->command == shipped.nodes.ready->command);
  REQUIRE(tutorial.client);
  CHECK(tutorial.client->command == shipped.client->command);
  CHECK(tutorial.client->options == shipped.client->options);
  CHECK(tutorial.nemesis.size() == shipped.nemesis.size());
  CHECK(tutorial.source.at("nemesis") == shipped.source.at("nemesis"));
}
