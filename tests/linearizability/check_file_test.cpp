// Checking a history file, as `faultline check --model NAME FILE` does.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "checkers/linearizability/check_file.hpp"
#include "history/jsonl.hpp"
#include "history_builder.hpp"

namespace lin = faultline::checkers::lin;
using faultline::checkers::Verdict;
using faultline::testing::HistoryBuilder;

namespace {

std::string scratch(const std::string& name) {
  auto dir = std::filesystem::path(FAULTLINE_BINARY_DIR) / "tests-linearizability-scratch";
  std::filesystem::create_directories(dir);
  return (dir / name).string();
}

}  // namespace

TEST_CASE("check_file reads our JSONL history") {
  HistoryBuilder b;
  b.op(0, "write", "1", "1").op(1, "read", "null", "2");
  std::string path = scratch("stale.jsonl");
  {
    faultline::history::JsonlWriter w(path);
    for (const auto& op : b.history()) w.append(op);
  }
  lin::LinOptions o;
  o.model = "register";
  auto r = lin::check_file(path, o);
  CHECK(r.verdict == Verdict::Invalid);
  CHECK(std::string(r.details.at("file").as_string()) == path);
}

TEST_CASE("check_file reads a Jepsen EDN history with independent keys") {
  std::string path = scratch("kv.edn");
  std::ofstream(path) << "{:process 0, :type :invoke, :f :write, :value [1 5]}\n"
                         "{:process 0, :type :ok, :f :write, :value [1 5]}\n"
                         "{:process 1, :type :invoke, :f :read, :value [1 nil]}\n"
                         "{:process 1, :type :ok, :f :read, :value [1 5]}\n"
                         "{:process 1, :type :invoke, :f :cas, :value [2 [0 1]]}\n"
                         "{:process 1, :type :fail, :f :cas, :value [2 [0 1]]}\n";
  lin::LinOptions o;
  o.model = "kv";
  auto r = lin::check_file(path, o);
  INFO(boost::json::serialize(r.details));
  CHECK(r.verdict == Verdict::Valid);
  CHECK(r.details.at("partitions").to_number<int>() == 1);  // key 2's only op failed
}

TEST_CASE("check_file on a missing or broken file is Unknown with the reason") {
  lin::LinOptions o;
  auto missing = lin::check_file(scratch("does-not-exist.jsonl"), o);
  CHECK(missing.verdict == Verdict::Unknown);
  CHECK(missing.details.contains("error"));
  std::string path = scratch("broken.jsonl");
  std::ofstream(path)
      << "{\"process\": 0, \"type\": \"invoke\", \"f\": \"read\", \"value\": null}\nnot json\n{}\n";
  auto broken = lin::check_file(path, o);
  CHECK(broken.verdict == Verdict::Unknown);
  CHECK_THAT(std::string(broken.details.at("error").as_string()), Catch::Contains("broken.jsonl"));
}
