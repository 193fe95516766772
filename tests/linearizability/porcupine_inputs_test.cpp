// What Porcupine checks and we could not: its kv logs (get / put / append on
// strings, :key fields), failed cas as an observation, and keyed histories
// that must not pass for one register.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "checkers/linearizability/check_file.hpp"
#include "history/history_file.hpp"
#include "history_builder.hpp"

using faultline::checkers::Verdict;
using faultline::checkers::lin::check_history;
using faultline::checkers::lin::LinOptions;
using faultline::testing::HistoryBuilder;
namespace history = faultline::history;

namespace {

faultline::checkers::CheckResult check(const history::History& h, const std::string& model,
                                       bool keyed = false, bool failed_cas = false) {
  LinOptions o;
  o.model = model;
  o.keyed = keyed;
  o.failed_cas_observed = failed_cas;
  return check_history(h, o);
}

std::string write_temp(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / ("faultline-porcupine-" + name);
  std::ofstream(path) << text;
  return path.string();
}

// Porcupine's test_data/kv shape: one EDN map a line, the key in its own field.
const char* kKvOk =
    "{:process 0, :type :invoke, :f :get, :key \"6\", :value nil}\n"
    "{:process 1, :type :invoke, :f :put, :key \"6\", :value \"x 1 0 y\"}\n"
    "{:process 0, :type :ok, :f :get, :key \"6\", :value \"\"}\n"
    "{:process 1, :type :ok, :f :put, :key \"6\", :value \"x 1 0 y\"}\n"
    "{:process 0, :type :invoke, :f :append, :key \"6\", :value \"x 0 1 y\"}\n"
    "{:process 0, :type :ok, :f :append, :key \"6\", :value \"x 0 1 y\"}\n"
    "{:process 1, :type :invoke, :f :get, :key \"6\", :value nil}\n"
    "{:process 1, :type :ok, :f :get, :key \"6\", :value \"x 1 0 yx 0 1 y\"}\n"
    "{:process 1, :type :invoke, :f :get, :key \"2\", :value nil}\n"
    "{:process 1, :type :ok, :f :get, :key \"2\", :value nil}\n";

}  // namespace

TEST_CASE("string-kv: get sees puts and appends in order; unwritten keys read \"\" or nil") {
  const auto path = write_temp("c01-ok.txt", kKvOk);
  const auto h = history::read_history_file(path);  // detected as EDN: a map whose first key is a keyword
  REQUIRE(h.size() == 10);
  CHECK(h[0].value == boost::json::parse(R"(["6", null])"));
  const auto r = check(h, "string-kv");
  INFO(boost::json::serialize(r.details));
  CHECK(r.verdict == Verdict::Valid);
  CHECK(r.details.at("partitions").to_number<std::int64_t>() == 2);
}

TEST_CASE("string-kv: a get missing an appended suffix, or seeing it twice, is invalid") {
  for (const char* seen : {"x 1 0 y", "x 1 0 yx 0 1 yx 0 1 y"}) {
    std::string text = kKvOk;
    const std::string good = "\"x 1 0 yx 0 1 y\"}";
    text.replace(text.find(good), good.size(), std::string("\"") + seen + "\"}");
    const auto r = check(history::read_history_file(write_temp("c01-bad.txt", text)), "string-kv");
    INFO(seen);
    CHECK(r.verdict == Verdict::Invalid);
  }
  HistoryBuilder b;
  b.op(0, "put", R"(["k", 5])", R"(["k", 5])");
  const auto r = check(b, "string-kv");
  CHECK(r.verdict == Verdict::Unknown);
  CHECK_THAT(std::string(r.details.at("error").as_string()), Catch::Contains("put needs a string value"));
}

TEST_CASE("string-kv: a get the string cannot grow to stays reachable through a put called later") {
  // After append a (state "a"), the next op due is append c; the get of "b"
  // due later cannot be reached by appending to "a", but the crashed put
  // called before that get returns may reset the string: a, c, put b, get b.
  HistoryBuilder b;
  b.op(0, "append", R"(["k", "a"])", R"(["k", "a"])")
      .op(3, "append", R"(["k", "c"])", R"(["k", "c"])")
      .invoke(1, "put", R"(["k", "b"])")
      .info(1, "put", R"(["k", "b"])")
      .op(2, "get", R"(["k", null])", R"(["k", "b"])");
  auto r = check(b, "string-kv");
  INFO(boost::json::serialize(r.details));
  CHECK(r.verdict == Verdict::Valid);
  // Without the put no op can turn "ac" into "b".
  HistoryBuilder without;
  without.op(0, "append", R"(["k", "a"])", R"(["k", "a"])")
      .op(3, "append", R"(["k", "c"])", R"(["k", "c"])")
      .op(2, "get", R"(["k", null])", R"(["k", "b"])");
  r = check(without, "string-kv");
  CHECK(r.verdict == Verdict::Invalid);
}

TEST_CASE("string-kv: a get that sees less than an earlier get is refuted as a shrunk read") {
  // get "ab" returns before get "a" begins; a put of "c" in between cannot
  // start "a". No search is needed: the three ops are the counterexample.
  auto history = [](const std::string& put) {
    const std::string value = R"(["k", ")" + put + R"("])";
    HistoryBuilder b;
    b.op(0, "append", R"(["k", "a"])", R"(["k", "a"])")
        .op(0, "append", R"(["k", "b"])", R"(["k", "b"])")
        .invoke(2, "put", value)
        .op(1, "get", R"(["k", null])", R"(["k", "ab"])")
        .op(1, "get", R"(["k", null])", R"(["k", "a"])")
        .ok(2, "put", value);
    return b;
  };
  LinOptions o;
  o.model = "string-kv";
  o.steps_before_windows = 0;  // refuters first, on a partition this small too
  auto r = check_history(history("c"), o);
  INFO(boost::json::serialize(r.details));
  REQUIRE(r.verdict == Verdict::Invalid);
  const auto& bad = r.details.at("invalid").as_array().at(0).as_object();
  CHECK(bad.at("refuted_by") == "shrunk-read");
  CHECK(bad.at("ops").as_array().size() == 3);
  CHECK_THAT(std::string(bad.at("why").as_string()),
             Catch::Contains("without its last character, \"b\"") && Catch::Contains("put \"c\""));
  // A put of "a" in between explains it: valid.
  CHECK(check_history(history("a"), o).verdict == Verdict::Valid);
}

TEST_CASE("a keyed history checked as one register is refused, naming --keyed") {
  HistoryBuilder b;
  b.op(0, "write", R"([1, 3])", R"([1, 3])").op(1, "read", R"([1, null])", R"([1, 3])");
  const auto r = check(b, "cas-register");
  CHECK(r.verdict == Verdict::Unknown);
  CHECK(r.details.at("bad_input") == true);
  CHECK_THAT(std::string(r.details.at("error").as_string()),
             Catch::Contains("keyed history") && Catch::Contains("--keyed"));
  CHECK(check(b, "cas-register", true).verdict == Verdict::Valid);
  CHECK(check(b, "kv").verdict == Verdict::Valid);
  // A plain register history (reads of null) is not mistaken for one.
  HistoryBuilder plain;
  plain.op(0, "write", "[1, 3]", "[1, 3]").op(1, "read", "null", "[1, 3]");
  CHECK(check(plain, "cas-register").verdict == Verdict::Valid);
}

TEST_CASE("failed cas: dropped by default, an observation when asked") {
  // The value is 1 throughout, yet a cas from 1 failed: impossible only if
  // the failure is evidence.
  HistoryBuilder b;
  b.op(0, "write", "1", "1").invoke(1, "cas", "[1, 2]").fail(1, "cas", "[1, 2]").op(0, "read", "null", "1");
  CHECK(check(b, "cas-register").verdict == Verdict::Valid);
  const auto r = check(b, "cas-register", false, true);
  INFO(boost::json::serialize(r.details));
  CHECK(r.verdict == Verdict::Invalid);
  CHECK(r.details.at("failed_observed").to_number<std::int64_t>() == 1);
  // A failed cas from a value that was not there is fine either way.
  HistoryBuilder ok;
  ok.op(0, "write", "3", "3").invoke(1, "cas", "[1, 2]").fail(1, "cas", "[1, 2]").op(0, "read", "null", "3");
  CHECK(check(ok, "cas-register", false, true).verdict == Verdict::Valid);
}
