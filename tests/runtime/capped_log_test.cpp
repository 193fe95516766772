// CappedLog: a node's stderr log keeps its head as it comes and its tail at
// each flush, with the cut noted in between, across the node's restarts.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "harness/runtime/capped_log.hpp"

using faultline::harness::CappedLog;
namespace fs = std::filesystem;

namespace {
std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
fs::path temp_log(const std::string& name) {
  return fs::temp_directory_path() / ("capped-" + std::to_string(::getpid()) + "-" + name + ".log");
}
}  // namespace

TEST_CASE("a log under its cap is written whole and in order", "[runtime]") {
  const auto path = temp_log("small");
  {
    CappedLog log(path.string(), 8, 4);
    log.open();
    log.append("abcdef");
    log.append("gh");
    log.append("ij");  // past the head: kept for the tail
    log.flush();
    CHECK(log.cut_bytes() == 0);
  }
  CHECK(slurp(path) == "abcdefghij");
  fs::remove(path);
}

TEST_CASE("a log over its cap keeps head and tail and notes the cut", "[runtime]") {
  const auto path = temp_log("big");
  {
    CappedLog log(path.string(), 4, 3);
    log.open();
    log.append("HEAD");
    for (int i = 0; i < 100; ++i) log.append("x");
    log.append("TAIL");
    log.flush();
    CHECK(log.cut_bytes() == 101);  // 100 x and the T of TAIL
    // A restarted node appends to the same log: the head is spent.
    log.append("more");
    log.flush();
    CHECK(log.cut_bytes() == 102);
  }
  const std::string text = slurp(path);
  CHECK(text.rfind("HEAD\n[faultline: 101 bytes of this node's stderr cut here", 0) == 0);
  CHECK(text.find("]\nAIL\n[faultline: 1 bytes") != std::string::npos);
  CHECK(text.size() >= 3);
  CHECK(text.substr(text.size() - 4) == "\nore");
  fs::remove(path);
}
