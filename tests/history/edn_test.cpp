#include "history/edn.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <sstream>

#include "history/edn_reader.hpp"
#include "test_ops.hpp"

using namespace faultline::history;
using faultline::history::test::make_op;
using faultline::history::test::require_same_op;
using faultline::history::test::TempFile;
namespace json = boost::json;

namespace edn_test {

json::value parse_edn(std::string_view text) {
  EdnReader reader(text, "t");
  json::value v = reader.read_form();
  REQUIRE(reader.at_end());
  return v;
}

History read_text(const std::string& text) {
  std::istringstream in(text);
  return read_edn_stream(in, "h.edn");
}

std::string error_of(const std::string& text) {
  try {
    read_text(text);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "no error";
}

TEST_CASE("to_edn writes Jepsen's op map") {
  Op op = make_op(0, 0, OpType::Invoke, "read", nullptr, 123);
  CHECK(to_edn(op) == "{:index 0, :time 123, :process 0, :type :invoke, :f :read, :value nil}");
  Op nem = make_op(4, kNemesisProcess, OpType::Info, "start-partition",
                   json::parse(R"({"n1":["n2"],"x":[true,false,1.5,"q\"uote"]})"), 9);
  nem.node = "n1";
  nem.error = json::parse(R"([20, "not found"])");
  nem.final = true;
  CHECK(to_edn(nem) ==
        "{:index 4, :time 9, :process :nemesis, :type :info, :f :start-partition, "
        R"(:value {"n1" ["n2"], "x" [true false 1.5 "q\"uote"]}, :node "n1", )"
        R"(:error [20 "not found"], :final? true})");
  Op odd = make_op(1, 2, OpType::Ok, "has space", 5.0);
  CHECK(to_edn(odd).find(R"(:f "has space", :value 5.0)") != std::string::npos);
}

TEST_CASE("EDN reader handles the scalar forms") {
  CHECK(parse_edn("nil").is_null());
  CHECK(parse_edn("true") == json::value(true));
  CHECK(parse_edn("false") == json::value(false));
  CHECK(parse_edn("-42") == json::value(-42));
  CHECK(parse_edn("+7") == json::value(7));
  CHECK(parse_edn("12N") == json::value(12));
  CHECK(parse_edn("18446744073709551615") == json::value(18446744073709551615ULL));
  CHECK(parse_edn("1.5") == json::value(1.5));
  CHECK(parse_edn("-2e3") == json::value(-2000.0));
  CHECK(parse_edn("1.25M") == json::value(1.25));
  CHECK(parse_edn("1/4") == json::value(0.25));
  CHECK(std::isinf(parse_edn("##Inf").as_double()));
  CHECK(std::isnan(parse_edn("##NaN").as_double()));
  CHECK(parse_edn(R"("a\"b\\c\n\t\u00e9\ud83d\ude00")") ==
        json::value("a\"b\\c\n\t\xc3\xa9\xf0\x9f\x98\x80"));
  CHECK(parse_edn(":read") == json::value("read"));
  CHECK(parse_edn(":jepsen/op") == json::value("jepsen/op"));
  CHECK(parse_edn("some-symbol") == json::value("some-symbol"));
  CHECK(parse_edn("\\a") == json::value("a"));
  CHECK(parse_edn("\\newline") == json::value("\n"));
}

TEST_CASE("EDN reader handles collections, comments, tags and discards") {
  CHECK(parse_edn("[1 2, 3]") == json::parse("[1,2,3]"));
  CHECK(parse_edn("(1 (2))") == json::parse("[1,[2]]"));
  CHECK(parse_edn("#{1}") == json::parse("[1]"));
  CHECK(parse_edn("{:a 1, \"b\" [nil]}") == json::parse(R"({"a":1,"b":[null]})"));
  CHECK(parse_edn("{1 :x, [1 2] :y, nil 0}") == json::parse(R"({"1":"x","[1 2]":"y","nil":0})"));
  CHECK(parse_edn("; comment\n[1 ; inner\n 2]") == json::parse("[1,2]"));
  CHECK(parse_edn("[1 #_ 2 3 #_(4 5)]") == json::parse("[1,3]"));
  CHECK(parse_edn("#inst \"2024-01-01T00:00:00Z\"") == json::value("2024-01-01T00:00:00Z"));
  CHECK(parse_edn("#jepsen.history.Op{:index 0}") == json::parse(R"({"index":0})"));
  CHECK(parse_edn("#my/tag [1]") == json::parse("[1]"));
}

TEST_CASE("EDN reader errors name line and column and never crash") {
  auto err = [](std::string_view text) {
    try {
      EdnReader r(text, "f.edn");
      while (!r.at_end()) r.read_form();
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(err("[1 2\n 3") == "f.edn:1:1: unterminated collection, expected ']'");
  CHECK(err("{:a 1\n :b}") == "f.edn:2:2: map key without a value");
  CHECK(err("[1 2)") == "f.edn:1:5: expected ']', got ')'");
  CHECK(err("\n  \"abc") == "f.edn:2:3: unterminated string");
  CHECK(err("\"\\q\"") == "f.edn:1:2: unknown string escape '\\q'");
  CHECK(err("12abc") == "f.edn:1:1: bad number '12abc'");
  CHECK(err("##Foo") == "f.edn:1:1: unknown symbolic value '##Foo'");
  CHECK(err(")") == "f.edn:1:1: unexpected ')'");
  CHECK(err("#tag") == "f.edn:1:1: tag #tag has no value");
  CHECK_THAT(err(std::string(100000, '[')), Catch::Contains("nesting deeper than"));
}

TEST_CASE("read_edn parses real Jepsen history lines") {
  History h = read_text(
      "{:type :invoke, :f :cas, :value [1 4], :process 3, :time 1234, :index 5}\n"
      "{:type :info, :f :start, :value nil, :process :nemesis, :time 1300, :index 6}\n"
      "{:type :fail, :f :cas, :value [1 4], :process 3, :time 1400, :index 7, "
      ":error [:precondition-failed \"expected 1\"]}\n"
      "#jepsen.history.Op{:index 8, :time 1500, :type :ok, :process 4, :f :read, "
      ":value [0 [1 2]], :final? true}\n"
      "{:type :invoke, :f :read, :process 5, :value nil}\n");
  REQUIRE(h.size() == 5);
  CHECK(h[0].index == 5);
  CHECK(h[0].time == 1234);
  CHECK(h[0].process == 3);
  CHECK(h[0].type == OpType::Invoke);
  CHECK(h[0].f == "cas");
  CHECK(h[0].value == json::parse("[1,4]"));
  CHECK(h[1].process == kNemesisProcess);
  CHECK(h[2].type == OpType::Fail);
  CHECK(h[2].error == json::parse(R"(["precondition-failed","expected 1"])"));
  CHECK(h[3].value == json::parse("[0,[1,2]]"));
  CHECK(h[3].final);
  CHECK(h[4].index == 4);  // missing index -> position
  CHECK(h[4].time == 0);   // missing time -> 0
}

TEST_CASE("read_edn accepts a single top-level vector of ops") {
  History h = read_text(
      "[{:index 0, :type :invoke, :f :write, :value 1, :process 0}\n"
      " #jepsen.history.Op{:index 1, :type :ok, :f :write, :value 1, :process 0}]\n");
  REQUIRE(h.size() == 2);
  CHECK(h[1].type == OpType::Ok);
  CHECK(h[1].value == json::value(1));
}

TEST_CASE("read_edn errors point at the offending op") {
  CHECK(error_of("{:type :invoke, :f :read, :process 0}\n  {:type :maybe, :f :read, :process 0}") ==
        "h.edn:2:3: field 'type': unknown op type 'maybe' (allowed: invoke, ok, fail, info)");
  CHECK(error_of("[{:type :ok, :f :r, :process 0}\n 42]") ==
        "h.edn:2:2: expected an op map like {:type :invoke, :f :read, ...}");
  CHECK_THAT(error_of("{:type :ok, :f :r, :process :client}"), Catch::Contains("h.edn:1:1: field 'process'"));
  CHECK_THAT(error_of("{:type :ok, :f :r, :process 1, :time 2.5}"), Catch::Contains("'time'"));
  CHECK(error_of("[{:type :ok, :f :r, :process 0}") == "h.edn:1:1: unterminated vector, expected ']'");
}

TEST_CASE("write_edn then read_edn gives the same history") {
  History h;
  h.push_back(make_op(0, 0, OpType::Invoke, "cas", json::parse("[1,2]")));
  Op ok = make_op(1, 0, OpType::Ok, "read",
                  json::parse(R"({"k":[1,{"x":null,"y":-0.125}],"s":"tab\there \"q\" \\ \u0001","b":true})"));
  ok.node = "n3";
  h.push_back(ok);
  h.push_back(
      make_op(2, kNemesisProcess, OpType::Info, "start-partition", json::parse(R"([["n1"],["n2"]])")));
  Op fail = make_op(3, 1, OpType::Fail, "write", 1e300);
  fail.error = json::parse(R"([22,"precondition"])");
  h.push_back(fail);
  Op fin = make_op(4, 2, OpType::Ok, "read",
                   json::parse("[0.1, 5.0, 18446744073709551615, -9223372036854775808]"));
  fin.final = true;
  h.push_back(fin);
  h.push_back(make_op(5, 2, OpType::Info, "weird f/name", json::parse("{}"), 7));

  TempFile file("round_trip.edn");
  write_edn(h, file.str());
  History back = read_edn(file.str());
  REQUIRE(back.size() == h.size());
  for (std::size_t i = 0; i < h.size(); ++i) require_same_op(back[i], h[i]);
  // Values compare equal as JSON, not just as text.
  CHECK(back[1].value == h[1].value);
  CHECK(back[4].value == h[4].value);
}

TEST_CASE("EDN :final? is read whatever the size of its map (the insert used to free the flag it moved)") {
  // Found by fuzz_history_edn under ASan: a double free when adding "final"
  // grew the map. Every map size, so some insert grows it.
  for (int extra = 0; extra < 40; ++extra) {
    std::string text = "{:process 0, :type :ok, :f :read, :value 1";
    for (int i = 0; i < extra; ++i) text += ", :x" + std::to_string(i) + " " + std::to_string(i);
    text += ", :final? true}\n";
    std::istringstream in(text);
    const History h = read_edn_stream(in, "h.edn");
    REQUIRE(h.size() == 1);
    CHECK(h[0].final);
  }
}

TEST_CASE("EDN :key folds into Jepsen's independent tuple [key value]") {
  std::istringstream in(
      "{:process 0, :type :invoke, :f :get, :key \"6\", :value nil}\n"
      "{:process 0, :type :ok, :f :get, :key \"6\", :value \"x 0 1 y\"}\n");
  const History h = read_edn_stream(in, "kv.txt");
  REQUIRE(h.size() == 2);
  CHECK(h[0].value == json::parse(R"(["6", null])"));
  CHECK(h[1].value == json::parse(R"(["6", "x 0 1 y"])"));
}

}  // namespace edn_test
