// The YAML reader never hangs, crashes or exhausts memory: the inputs below
// took yaml-cpp 0.7 into an endless loop (","), a stack overflow (a cyclic
// alias) or gigabytes of alias expansion (billion laughs).
#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "harness/scenario/doc_node.hpp"
#include "scenario_test_util.hpp"

using namespace faultline::harness;
using faultline::harness::test::contains;
using faultline::harness::test::kBase;
using faultline::harness::test::only_error;

namespace {

// Nine levels of nine aliases each: 9^9 strings once expanded, in ~350 bytes.
std::string billion_laughs() {
  std::string text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (char c = 'b'; c <= 'i'; ++c) {
    text += std::string(1, c) + ": &" + c + " [";
    for (int k = 0; k < 9; ++k) text += std::string(k ? ", " : "") + "*" + static_cast<char>(c - 1);
    text += "]\n";
  }
  return text;
}

}  // namespace

TEST_CASE("a lone comma is a syntax error, not an endless loop", "[scenario][yaml]") {
  const std::string error = only_error(",\n");
  CHECK(contains(error, "s.yaml:1:1: YAML syntax error"));
}

TEST_CASE("a cyclic alias is an error with its position", "[scenario][yaml]") {
  CHECK(only_error("x: &a [1, *a]\n") == "s.yaml:1:11: alias *a refers to a node that contains it (a cycle)");
  CHECK(only_error("x: *nowhere\n") == "s.yaml:1:4: alias *nowhere names no anchor (&nowhere) before it");
}

TEST_CASE("alias expansion is bounded", "[scenario][yaml]") {
  const auto start = std::chrono::steady_clock::now();
  const std::string error = only_error(billion_laughs());
  CHECK(contains(error, "expands to more than 100000 values"));
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));  // not a benchmark: a hang guard
}

TEST_CASE("aliases within the bound still work", "[scenario][yaml]") {
  Diagnostics diag;
  const DocNode root = parse_yaml_document("base: &b {count: 3}\ncopy: *b\n", "s.yaml", diag);
  REQUIRE_FALSE(diag.has_errors());
  REQUIRE(root.find("copy"));
  CHECK(root.find("copy")->find("count")->scalar == "3");
}

TEST_CASE("nesting depth and document size are bounded", "[scenario][yaml]") {
  CHECK(only_error(std::string(100000, '[')) == "s.yaml:1:65: nesting deeper than 64 levels");
  const std::string big = kBase + "# " + std::string(kMaxYamlBytes, 'x') + "\n";
  CHECK(contains(only_error(big), "bytes; the limit is 1048576"));
}

TEST_CASE("quoted, plain, null and empty scalars read as before", "[scenario][yaml]") {
  Diagnostics diag;
  const DocNode root = parse_yaml_document("a: '5'\nb: 5\nc: ~\nd:\ne: null\nf: |\n  text\n", "s.yaml", diag);
  REQUIRE_FALSE(diag.has_errors());
  CHECK(root.find("a")->quoted);
  CHECK_FALSE(root.find("b")->quoted);
  CHECK(root.find("c")->is_null());
  CHECK(root.find("d")->is_null());
  CHECK(root.find("d")->loc.line == 4);  // points at its key
  CHECK(root.find("e")->is_null());
  CHECK(root.find("f")->quoted);  // a block scalar is always a string
  CHECK(root.find("f")->scalar == "text\n");
  CHECK(contains(only_error("a: \"\\xff\"\n\xff\n"), "YAML syntax error"));  // invalid UTF-8
}
