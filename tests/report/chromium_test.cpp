// Renders reports in headless Chromium and checks the DOM it built: proof
// that a real browser opens the file offline and sees the banner and plots.
// Chromium missing is a failure, not a skip: CI installs it.
#include <catch2/catch.hpp>

#include <unistd.h>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>

#include "harness/report/report.hpp"
#include "html_check.hpp"
#include "run_fixture.hpp"
#include "sample_runs.hpp"

using namespace faultline;

namespace {

std::string find_chromium() {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  for (const char* name : {"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}) {
    std::size_t start = 0;
    while (start <= dirs.size()) {
      const std::size_t end = std::min(dirs.find(':', start), dirs.size());
      const std::filesystem::path candidate = std::filesystem::path(dirs.substr(start, end - start)) / name;
      if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
      start = end + 1;
    }
  }
  return {};
}

// The DOM after Chromium loaded and laid out the page. Paths come from our
// own temp dirs (no shell metacharacters), so popen is safe here.
std::string dump_dom(const std::string& chromium, const std::filesystem::path& html,
                     const std::filesystem::path& profile) {
  const std::string cmd = "timeout 120 '" + chromium +
                          "' --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
                          "--disable-background-networking --disable-component-update --disable-sync "
                          "--user-data-dir='" +
                          profile.string() + "' --dump-dom 'file://" + html.string() + "' 2>/dev/null";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(cmd.c_str(), "r"), ::pclose);
  REQUIRE(pipe);
  std::string out;
  std::array<char, 65536> buf;
  while (std::size_t n = std::fread(buf.data(), 1, buf.size(), pipe.get())) out.append(buf.data(), n);
  return out;
}

}  // namespace

TEST_CASE("reports render in headless Chromium with the verdict banner and svg plots") {
  const std::string chromium = find_chromium();
  INFO("Chromium is required for this test: apt-get install -y chromium");
  REQUIRE_FALSE(chromium.empty());

  struct Case {
    const char* verdict;
    void (*make)(const std::filesystem::path&);
  };
  for (const Case& c : {Case{"invalid", test::make_lost_run}, Case{"valid", test::make_valid_run},
                        Case{"unknown", test::make_unknown_run}}) {
    test::TempDir run, profile;
    c.make(run.path());
    harness::write_report(run.path());
    const std::string dom = dump_dom(chromium, run.path() / "report.html", profile.path());
    INFO("verdict " << c.verdict << ", DOM of " << dom.size() << " bytes");
    REQUIRE(dom.size() > 1000);
    CHECK(dom.find(std::string("<header id=\"verdict\" class=\"banner ") + c.verdict + "\">") !=
          std::string::npos);
    std::string word = c.verdict;
    for (auto& ch : word) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    CHECK(dom.find("<div class=\"word\">" + word + "</div>") != std::string::npos);
    CHECK(dom.find("<svg class=\"plot latency\"") != std::string::npos);
    CHECK(dom.find("<svg class=\"plot throughput\"") != std::string::npos);
    CHECK(dom.find("<svg class=\"plot timeline\"") != std::string::npos);
    CHECK(test::count_of(dom, "<circle") > 0);
    if (std::string(c.verdict) == "invalid") {
      CHECK(dom.find("final read missing it") != std::string::npos);
      // Each count in the checker's table says what it counts.
      CHECK(dom.find("<th>lost count</th><td>1</td><td class=\"meaning\">acknowledged as added") !=
            std::string::npos);
    }
  }
}

TEST_CASE("a traced run's message diagram renders in headless Chromium with arrows and drop marks",
          "[report][trace]") {
  const std::string chromium = find_chromium();
  INFO("Chromium is required for this test: apt-get install -y chromium");
  REQUIRE_FALSE(chromium.empty());
  test::TempDir run, profile;
  test::make_lost_run(run.path());
  test::write_file(run.path() / "trace.jsonl", test::lost_run_trace());
  harness::write_report(run.path());
  const std::string dom = dump_dom(chromium, run.path() / "report.html", profile.path());
  INFO("DOM of " << dom.size() << " bytes");
  const auto at = dom.find("<svg class=\"plot messages\"");
  REQUIRE(at != std::string::npos);
  const std::string diagram = dom.substr(at, dom.find("</svg>", at) - at);
  // The browser built every arrow (with its head), lane and drop mark as SVG elements.
  CHECK(test::count_of(diagram, "<g class=\"msg\">") == 18);
  CHECK(test::count_of(diagram, "marker-end=\"url(#msg-head-") == 19);
  CHECK(test::count_of(diagram, "<marker id=\"msg-head-") == 3);
  CHECK(test::count_of(diagram, "<g class=\"msg drop\">") == 2);
  CHECK(test::count_of(diagram, "<path class=\"drop-mark\"") == 2);
  CHECK(test::count_of(diagram, "<g class=\"msg duplicate\">") == 1);
  CHECK(test::count_of(diagram, "<g class=\"lane\">") == 4);
  CHECK(test::count_of(diagram, "<g class=\"fault\">") == 1);
  CHECK(diagram.find(">gossip</text>") != std::string::npos);
}
