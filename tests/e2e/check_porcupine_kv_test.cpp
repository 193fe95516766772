// `faultline check` on Porcupine's kv log format, as a user would run it.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "faultline_run.hpp"

using faultline::e2e::run_check;

namespace {

std::string write_log(const std::string& name, const std::string& last_get) {
  const auto path = std::filesystem::temp_directory_path() / ("faultline-e2e-" + name);
  std::ofstream(path) << "{:process 0, :type :invoke, :f :put, :key \"1\", :value \"x 0 0 y\"}\n"
                         "{:process 0, :type :ok, :f :put, :key \"1\", :value \"x 0 0 y\"}\n"
                         "{:process 1, :type :invoke, :f :append, :key \"1\", :value \"x 1 0 y\"}\n"
                         "{:process 1, :type :ok, :f :append, :key \"1\", :value \"x 1 0 y\"}\n"
                         "{:process 0, :type :invoke, :f :get, :key \"1\", :value nil}\n"
                         "{:process 0, :type :ok, :f :get, :key \"1\", :value \""
                      << last_get << "\"}\n";
  return path.string();
}

}  // namespace

TEST_CASE("faultline check --format porcupine-kv: valid, invalid, and refused as one register",
          "[e2e][lin]") {
  std::string text;
  const std::string ok = write_log("c-ok.txt", "x 0 0 yx 1 0 y");
  const std::string bad = write_log("c-bad.txt", "x 0 0 y");
  CHECK(run_check("--format porcupine-kv " + ok, &text) == 0);
  INFO(text);
  CHECK(text.find("\"model\": \"string-kv\"") != std::string::npos);
  CHECK(run_check("--format porcupine-kv " + bad, &text) == 1);
  CHECK(text.find("why: key \"1\": get -> \"x 0 0 y\"") != std::string::npos);
  CHECK(run_check("--format porcupine-kv " + bad, &text) == 1);
  CHECK(run_check("--model string-kv " + bad, &text) == 1);  // detected by content too
  // Checked as one cas-register without --keyed: bad input, and it says what to do.
  CHECK(run_check("--model cas-register " + ok, &text) == 254);
  CHECK(text.find("--keyed") != std::string::npos);
  CHECK(run_check("--format yaml " + ok, &text) == 254);
  CHECK(text.find("porcupine-kv") != std::string::npos);
  std::filesystem::remove(ok);
  std::filesystem::remove(bad);
}
