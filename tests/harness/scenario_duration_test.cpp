#include <catch2/catch.hpp>

#include "harness/scenario/duration.hpp"

using namespace faultline::harness;
using namespace std::chrono_literals;

TEST_CASE("durations accept every unit and bare seconds", "[scenario][duration]") {
  std::string error;
  CHECK(parse_duration("1.5s", &error) == Nanos{1'500'000'000});
  CHECK(parse_duration("200ms", &error) == 200ms);
  CHECK(parse_duration("2m", &error) == 2min);
  CHECK(parse_duration("1h", &error) == 1h);
  CHECK(parse_duration("7us", &error) == 7us);
  CHECK(parse_duration("9ns", &error) == 9ns);
  CHECK(parse_duration("20", &error) == 20s);
  CHECK(parse_duration("0.1", &error) == 100ms);
  CHECK(parse_duration("0", &error) == 0ns);
  CHECK(parse_duration("1.5 s", &error) == 1500ms);
}

TEST_CASE("bad durations say what is wrong", "[scenario][duration]") {
  std::string error;
  CHECK_FALSE(parse_duration("5 parsecs", &error));
  CHECK(error.find("not a duration") != std::string::npos);
  CHECK_FALSE(parse_duration("-1s", &error));
  CHECK(error.find("negative") != std::string::npos);
  CHECK_FALSE(parse_duration("s", &error));
  CHECK_FALSE(parse_duration("", &error));
  CHECK_FALSE(parse_duration("1e30h", &error));
  CHECK(error.find("too long") != std::string::npos);
  CHECK_FALSE(parse_duration("inf", &error));
}

TEST_CASE("duration ranges", "[scenario][duration]") {
  std::string error;
  auto r = parse_duration_range("2s..6s", &error);
  REQUIRE(r);
  CHECK(r->first == 2s);
  CHECK(r->second == 6s);
  auto single = parse_duration_range("3s", &error);
  REQUIRE(single);
  CHECK(single->first == 3s);
  CHECK(single->second == 3s);
  CHECK_FALSE(parse_duration_range("6s..2s", &error));
  CHECK(error.find("ends before it starts") != std::string::npos);
  CHECK_FALSE(parse_duration_range("2s..", &error));
}

TEST_CASE("format_duration is exact", "[scenario][duration]") {
  CHECK(format_duration(0ns) == "0s");
  CHECK(format_duration(1500ms) == "1500ms");
  CHECK(format_duration(2min) == "2m");
  CHECK(format_duration(Nanos{1'000'000'001}) == "1000000001ns");
}
