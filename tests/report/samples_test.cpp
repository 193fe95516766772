// Hidden cases (run by tag): sample reports to look at in a browser, and the
// 1M-op figure for writing a report. Neither asserts on time: figures are
// printed, not tested.
#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <chrono>
#include <cstdio>
#include <iostream>

#include "harness/report/report.hpp"
#include "html_check.hpp"
#include "run_fixture.hpp"
#include "sample_runs.hpp"

using namespace faultline;
namespace fs = std::filesystem;

TEST_CASE("write sample reports to BINARY_DIR/report-samples", "[.sample]") {
  const fs::path root = fs::path(FAULTLINE_BINARY_DIR) / "report-samples";
  test::make_valid_run(root / "valid");
  test::make_lost_run(root / "lost");
  test::make_unknown_run(root / "unknown");
  test::make_counter_and_register_run(root / "counter-register");
  for (const char* d : {"valid", "lost", "unknown", "counter-register"}) {
    harness::write_report(root / d);
    std::cout << (root / d / "report.html").string() << "\n";
  }
}

namespace {

// A broadcast-like history: `ops` client ops over 10 processes, adds of
// unique values and reads of the last few, a partition in the middle, some
// failures and timeouts, and final reads that miss a few acknowledged values.
void write_big_run(const fs::path& dir, std::size_t ops) {
  fs::create_directories(dir);
  std::FILE* f = std::fopen((dir / "history.jsonl").c_str(), "wb");
  REQUIRE(f);
  const std::int64_t span = 60'000'000'000;  // 60 s
  std::int64_t index = 0;
  const std::size_t pairs = ops / 2;
  std::string buf;
  for (std::size_t i = 0; i < pairs; ++i) {
    const std::int64_t t = static_cast<std::int64_t>(i) * span / static_cast<std::int64_t>(pairs);
    const int p = static_cast<int>(i % 10);
    if (i == pairs / 3)
      buf += fmt::format(
          R"({{"index":{},"time":{},"process":"nemesis","type":"info","f":"start-partition","value":{{"fault":1,"kind":"partition","description":"halves"}}}})"
          "\n",
          index++, t);
    if (i == pairs * 2 / 3)
      buf += fmt::format(
          R"({{"index":{},"time":{},"process":"nemesis","type":"info","f":"stop-partition","value":{{"fault":1,"kind":"partition"}}}})"
          "\n",
          index++, t);
    const std::int64_t latency = 200'000 + static_cast<std::int64_t>((i * 7919) % 5'000'000);
    const char* outcome = i % 97 == 0 ? "info" : i % 31 == 0 ? "fail" : "ok";
    if (i % 2 == 0) {
      buf += fmt::format(R"({{"index":{},"time":{},"process":{},"type":"invoke","f":"add","value":{}}})"
                         "\n",
                         index++, t, p, i);
      buf += fmt::format(R"({{"index":{},"time":{},"process":{},"type":"{}","f":"add","value":{}}})"
                         "\n",
                         index++, t + latency, p, outcome, i);
    } else {
      buf += fmt::format(R"({{"index":{},"time":{},"process":{},"type":"invoke","f":"read","value":null}})"
                         "\n",
                         index++, t, p);
      buf += fmt::format(R"({{"index":{},"time":{},"process":{},"type":"{}","f":"read","value":[{},{},{}]}})"
                         "\n",
                         index++, t + latency, p, outcome, i - 1, i - 3, i - 5);
    }
    if (buf.size() > (1 << 20)) {
      std::fwrite(buf.data(), 1, buf.size(), f);
      buf.clear();
    }
  }
  // Final reads: every 1000th add, except the lost ones (multiples of 10000).
  std::string seen;
  for (std::size_t v = 0; v < pairs; v += 1000)
    if (v % 10000 != 0) seen += (seen.empty() ? "" : ",") + std::to_string(v);
  for (int p = 0; p < 10; ++p) {
    buf += fmt::format(
        R"({{"index":{},"time":{},"process":{},"type":"invoke","f":"read","value":null,"final":true}})"
        "\n",
        index++, span + 1'000'000, p);
    buf += fmt::format(
        R"({{"index":{},"time":{},"process":{},"type":"ok","f":"read","value":[{}],"final":true}})"
        "\n",
        index++, span + 2'000'000, p, seen);
  }
  std::fwrite(buf.data(), 1, buf.size(), f);
  std::fclose(f);
  std::string lost;
  for (std::size_t v = 0; v < pairs; v += 10000) lost += (lost.empty() ? "" : ",") + std::to_string(v);
  test::write_file(dir / "results.json",
                   test::results_json("false", "invalid", "null", 1,
                                      R"({"set-full":{"valid":false,"lost":[)" + lost + R"(]}})"));
}

}  // namespace

TEST_CASE("figure: write the report of a 1M-op history", "[.bench]") {
  // Kept in the build dir so the page can be opened (and timed) in a browser.
  const fs::path dir = fs::path(FAULTLINE_BINARY_DIR) / "report-bench";
  write_big_run(dir, 1'000'000);
  for (int rep = 0; rep < 3; ++rep) {
    const auto t0 = std::chrono::steady_clock::now();
    harness::write_report(dir);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const std::string html = test::read_file(dir / "report.html");
    std::cout << fmt::format(
        "report of 1,000,000 ops: {:.2f} s, report.html {:.2f} MB, {} circles, {} timeline rects\n", s,
        static_cast<double>(html.size()) / 1e6, test::count_of(html, "<circle"),
        test::count_of(html, "<rect x="));
    const auto check = test::check_markup(html, true);
    INFO(check.problem);
    CHECK(check.ok);
  }
  std::cout << (dir / "report.html").string() << "\n";
}
