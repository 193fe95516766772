// The adapter library: its codecs, base64 (etcd's gateway) and RESP (redis),
// and its per-node connection pool.
#include <boost/asio/ip/tcp.hpp>
#include <catch2/catch.hpp>

#include "lib/base64.hpp"
#include "lib/connection_pool.hpp"
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

TEST_CASE("the connection pool keeps one connection per node and reopens a closed one", "[adapters]") {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor listener(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  const std::string address = "127.0.0.1:" + std::to_string(listener.local_endpoint().port());
  fl_adapter::Init init;
  init.node_ids = {"n1", "n2"};
  init.nodes["n1"]["client"] = address;
  init.nodes["n2"]["client"] = address;
  fl_adapter::ConnectionPool pool;
  pool.configure(init);  // port "client", 1000 ms: the defaults

  // Connections wait in the listener's backlog; count them by accepting.
  listener.non_blocking(true);
  auto accepted = [&] {
    int n = 0;
    for (boost::system::error_code ec;; ++n) {
      boost::asio::ip::tcp::socket s(io);
      if (listener.accept(s, ec); ec) return n;
    }
  };
  auto& first = pool.to("n1");
  CHECK(&pool.to("n1") == &first);
  CHECK(first.is_open());
  CHECK(accepted() == 1);
  CHECK(&pool.to("n2") != &first);
  CHECK(accepted() == 1);
  first.close();
  CHECK(&pool.to("n1") == &first);
  CHECK(first.is_open());
  CHECK(accepted() == 1);
  CHECK_THROWS_AS(pool.to("n3"), std::exception);
}
