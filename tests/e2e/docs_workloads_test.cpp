// docs/workloads.md is the protocol reference of every workload: each
// example node in it runs through `faultline run` and comes out valid, and
// every registered workload and param has its place in it.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "faultline_run.hpp"
#include "workloads/registry.hpp"

using faultline::e2e::run_scenario_text;
namespace fs = std::filesystem;

namespace {

std::string doc_text() {
  std::ifstream in(fs::path(FAULTLINE_SOURCE_DIR) / "docs" / "workloads.md");
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

struct Example {
  std::vector<std::string> workloads;  // from its "# faultline example: a b" line
  std::string code;
};

std::vector<Example> examples(const std::string& doc) {
  std::vector<Example> out;
  const std::string open = "```python\n", marker = "# faultline example: ";
  for (auto at = doc.find(open); at != std::string::npos; at = doc.find(open, at + 1)) {
    const auto body = at + open.size();
    Example e;
    e.code = doc.substr(body, doc.find("\n```", body) + 1 - body);
    const auto m = e.code.find(marker);
    if (m == std::string::npos) continue;
    std::istringstream names(e.code.substr(m + marker.size(), e.code.find('\n', m) - m - marker.size()));
    for (std::string w; names >> w;) e.workloads.push_back(w);
    out.push_back(std::move(e));
  }
  return out;
}

// The text of the section "## <title>" up to the next "## ".
std::string section_naming(const std::string& doc, const std::string& workload) {
  for (auto at = doc.find("\n## "); at != std::string::npos; at = doc.find("\n## ", at + 1)) {
    const auto eol = doc.find('\n', at + 1);
    const std::string title = doc.substr(at + 4, eol - at - 4);
    std::istringstream words(title);
    for (std::string w; words >> w;) {
      if (w.back() == ',') w.pop_back();
      if (w == workload) return doc.substr(at, doc.find("\n## ", eol) - at);
    }
  }
  return {};
}

}  // namespace

TEST_CASE("every workload and each of its params has a section in docs/workloads.md", "[docs]") {
  const std::string doc = doc_text();
  for (const auto& entry : faultline::workloads::workload_table()) {
    INFO(entry.name);
    const std::string section = section_naming(doc, entry.name);
    REQUIRE_FALSE(section.empty());
    for (const auto& param : entry.params) {
      INFO(param.name);
      CHECK(section.find("`" + param.name + "`") != std::string::npos);
    }
  }
}

TEST_CASE("every example node in docs/workloads.md runs valid", "[e2e][docs]") {
  const auto all = examples(doc_text());
  std::set<std::string> covered;
  for (const auto& e : all) covered.insert(e.workloads.begin(), e.workloads.end());
  for (const auto& entry : faultline::workloads::workload_table()) {
    INFO("no example node for " << entry.name);
    CHECK(covered.count(entry.name) == 1);
  }
  const fs::path dir = fs::temp_directory_path() / ("fl-docs-workloads-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  for (std::size_t i = 0; i < all.size(); ++i) {
    const fs::path script = dir / ("node" + std::to_string(i) + ".py");
    std::ofstream(script) << all[i].code;
    for (const auto& workload : all[i].workloads) {
      const auto out = run_scenario_text(
          "name: docs-" + workload + "\nseed: 7\ntime_limit: 1s\nnodes:\n  count: 1\n  command: [python3, " +
          script.string() + "]\nworkload:\n  type: " + workload + "\n  rate: 80\n  quiesce: 100ms\n");
      INFO(workload << "\n" << all[i].code << "\n" << out.output);
      CHECK(out.exit_code == 0);
      REQUIRE(out.results.contains("ops"));
      CHECK(out.results.at("ops").at("ok").as_int64() > 20);
      CHECK(out.results.at("protocol_errors").at("count").as_int64() == 0);
      CHECK(out.leftover_pids.empty());
    }
  }
  fs::remove_all(dir);
}
