// End to end: a node can reach the run directory ({{data_dir}}/../..) and
// plant symbolic links where the harness will write its outputs. The harness
// must write its files in the run directory anyway and never through a link.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "faultline_run.hpp"

namespace fs = std::filesystem;
using faultline::e2e::node_binary;
using faultline::e2e::read_file;
using faultline::e2e::run_scenario_text;

namespace {

const char* kPlanted[] = {"history.edn", "history.txt", "results.json", "report.html", "report.html.tmp"};

struct Victims {
  fs::path dir;
  Victims() {
    char tmpl[] = "/tmp/fl-victims-XXXXXX";
    dir = ::mkdtemp(tmpl);
    for (const char* name : kPlanted) std::ofstream(dir / name) << "untouched";
  }
  ~Victims() { fs::remove_all(dir); }
  void check_untouched() const {
    for (const char* name : kPlanted) {
      INFO(name);
      CHECK(read_file(dir / name) == "untouched");
    }
  }
};

}  // namespace

TEST_CASE("links a node plants in the run dir are replaced, never written through", "[e2e][files]") {
  Victims victims;
  const auto out =
      run_scenario_text("name: planted\nseed: 5\ntime_limit: 1s\nnodes:\n  count: 2\n  command: [" +
                        node_binary("link_planter") + ", --victim, " + victims.dir.string() +
                        "]\nworkload:\n  type: echo\n  rate: 20\n");
  INFO(out.output);
  REQUIRE(out.exit_code == 0);
  victims.check_untouched();
  for (const char* name : {"history.edn", "history.txt", "results.json", "report.html"}) {
    INFO(name);
    CHECK_FALSE(fs::is_symlink(out.run_dir / name));
    CHECK(fs::file_size(out.run_dir / name) > 0);
  }
  CHECK(out.results.at("verdict").as_string() == "valid");

  // `faultline report DIR` over a run dir where the links are planted again.
  for (const char* name : {"report.html", "report.html.tmp"}) {
    fs::remove(out.run_dir / name);
    fs::create_symlink(victims.dir / name, out.run_dir / name);
  }
  const std::string cmd =
      std::string(FAULTLINE_BINARY_DIR) + "/faultline report " + out.run_dir.string() + " >/dev/null 2>&1";
  CHECK(std::system(cmd.c_str()) == 0);
  victims.check_untouched();
  CHECK_FALSE(fs::is_symlink(out.run_dir / "report.html"));
  CHECK(read_file(out.run_dir / "report.html").find("VALID") != std::string::npos);
}
