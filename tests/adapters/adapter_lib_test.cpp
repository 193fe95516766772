// The adapter library's codecs: base64 (etcd's gateway) and RESP (redis).
#include <catch2/catch.hpp>

#include "lib/base64.hpp"
#include "lib/resp.hpp"

using namespace fl_adapter;

TEST_CASE("base64 round-trips and rejects what is not base64", "[adapters]") {
  for (const std::string& s :
       std::vector<std::string>{"", "1", "12", "123", "1234", "[1,2]", std::string("\0\xff", 2)})
    CHECK(base64_decode(base64_encode(s)) == s);
  CHECK(base64_encode("3") == "Mw==");
  CHECK(base64_decode("NA==") == "4");
  CHECK(!base64_decode("abc"));
  CHECK(!base64_decode("a=bc"));
  CHECK(!base64_decode("ab!c"));
}

TEST_CASE("RESP replies parse whole or wait for more", "[adapters]") {
  std::size_t used = 0;
  CHECK(resp_command({"GET", "k"}) == "*2\r\n$3\r\nGET\r\n$1\r\nk\r\n");
  auto ok = resp_parse("+OK\r\nextra", used);
  REQUIRE(ok);
  CHECK(ok->kind == RespReply::Kind::Simple);
  CHECK(used == 5);
  CHECK(resp_parse(":-12\r\n", used)->integer == -12);
  CHECK(resp_parse("$-1\r\n", used)->kind == RespReply::Kind::Nil);
  CHECK(resp_parse("$5\r\nhello\r\n", used)->text == "hello");
  CHECK(!resp_parse("$5\r\nhel", used));
  CHECK(!resp_parse("*2\r\n:1\r\n", used));
  auto arr = resp_parse("*2\r\n:1\r\n$1\r\nx\r\n", used);
  REQUIRE(arr);
  CHECK(arr->items.size() == 2);
  CHECK(resp_parse("-READONLY no\r\n", used)->kind == RespReply::Kind::Error);
  CHECK_THROWS(resp_parse("?what\r\n", used));
  CHECK_THROWS(resp_parse(":1x\r\n", used));
}
