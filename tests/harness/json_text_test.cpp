// results.json and the report must parse and read plainly whatever a node
// printed and whatever a number came out as.
#include <catch2/catch.hpp>

#include "harness/runtime/json_text.hpp"
#include "harness/runtime/pretty_json.hpp"

using faultline::harness::json_text;
using faultline::harness::plain_number;
using faultline::harness::pretty_json;

TEST_CASE("doubles print as plain decimals, never with an exponent") {
  CHECK(plain_number(7.593220338983051) == "7.593220338983051");
  CHECK(plain_number(1.040016) == "1.040016");
  CHECK(plain_number(60.0) == "60");
  CHECK(plain_number(0.0001) == "0.0001");
  CHECK(plain_number(1e21) == "1000000000000000000000");
  CHECK(plain_number(-2.5) == "-2.5");
  CHECK(plain_number(std::numeric_limits<double>::infinity()) == "null");
  const boost::json::object o{{"msgs_per_op", 7.593220338983051}, {"time_limit_s", 60.0}, {"n", 3}};
  const std::string text = pretty_json(o);
  CHECK(text.find('E') == std::string::npos);
  CHECK(text.find("\"time_limit_s\": 60") != std::string::npos);
  CHECK(json_text(boost::json::array{1.5, 2.0}) == "[1.5,2]");
  // The plain form reads back to the same double.
  CHECK(boost::json::parse(json_text(o)).at("msgs_per_op").as_double() == 7.593220338983051);
}

TEST_CASE("invalid UTF-8 becomes \\xNN text and the JSON stays parseable") {
  const std::string raw = std::string("bad \xff\xfe line, ok \xc3\xa9, cut \xe2\x82", 26) + "\n\"q\"";
  const boost::json::object o{{"line", raw}};
  for (const std::string& text : {json_text(o), pretty_json(o)}) {
    boost::system::error_code ec;
    const auto v = boost::json::parse(text, ec);
    REQUIRE_FALSE(ec);
    CHECK(std::string(v.at("line").as_string()) == "bad \\xFF\\xFE line, ok \xc3\xa9, cut \\xE2\\x82\n\"q\"");
  }
  // Overlong forms and surrogates are not valid UTF-8 either.
  CHECK(json_text(boost::json::string("\xc0\xaf")) == "\"\\\\xC0\\\\xAF\"");
  CHECK(json_text(boost::json::string("\xed\xa0\x80")) == "\"\\\\xED\\\\xA0\\\\x80\"");
  CHECK(json_text(boost::json::string(std::string("a\0b", 3))) == "\"a\\u0000b\"");
}
