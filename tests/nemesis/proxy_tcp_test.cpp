// The TCP link proxy with real sockets: every byte-stream fault observably
// takes effect on live and new connections, and heals as configured.
#include <catch2/catch.hpp>

#include "proxy_fixture.hpp"

using namespace proxy_test;

TEST_CASE("a clean link forwards both directions and counts the traffic", "[proxy][tcp]") {
  ProxyRig p;
  const int fd = dial(p.proxy);
  REQUIRE(fd >= 0);
  const std::string data = pattern(200000);
  send_all(fd, data);
  auto r = read_for(fd, data.size(), 3000ms);
  CHECK(r.bytes == data);
  ::close(fd);
  CHECK(eventually([&] { return p.stats().servers.tcp.opened == 1; }));
  const auto stats = p.stats();
  CHECK(stats.servers.tcp.bytes == 2 * data.size());
  CHECK(stats.servers.tcp.chunks >= 2);
  CHECK(stats.servers.tcp.reset == 0);
  CHECK(eventually([&] { return p.on_loop([&] { return p.plane.open_connections(); }) == 0; }));
}

TEST_CASE("a partition holds bytes and they flow, in order, on heal", "[proxy][tcp][partition]") {
  ProxyRig p;
  const int fd = dial(p.proxy);
  send_all(fd, "hello");
  CHECK(read_for(fd, 5, 2000ms).bytes == "hello");
  p.change([](LinkFaults& there, LinkFaults&) { there.partitioned = true; });
  send_all(fd, "held-1 ");
  send_all(fd, "held-2");
  CHECK(read_for(fd, 1, 300ms).bytes.empty());
  CHECK(p.server.bytes == 5);
  p.change([](LinkFaults& there, LinkFaults&) { there.partitioned = false; });
  CHECK(read_for(fd, 13, 2000ms).bytes == "held-1 held-2");
  ::close(fd);
}

TEST_CASE("a one-way partition blocks one direction only", "[proxy][tcp][partition]") {
  ProxyRig p;
  const int fd = dial(p.proxy);
  send_all(fd, "x");
  REQUIRE(read_for(fd, 1, 2000ms).bytes == "x");
  // Replies are cut, requests still arrive.
  p.change([](LinkFaults&, LinkFaults& back) { back.partitioned = true; });
  send_all(fd, "abc");
  CHECK(eventually([&] { return p.server.bytes == 4; }));
  CHECK(read_for(fd, 1, 300ms).bytes.empty());
  p.change([](LinkFaults&, LinkFaults& back) { back.partitioned = false; });
  CHECK(read_for(fd, 3, 2000ms).bytes == "abc");
  ::close(fd);
}

TEST_CASE("on_heal reset resets the connections a partition held", "[proxy][tcp][partition]") {
  ProxyRig p;
  const int fd = dial(p.proxy);
  send_all(fd, "x");
  REQUIRE(read_for(fd, 1, 2000ms).bytes == "x");
  p.change([](LinkFaults& there, LinkFaults&) {
    there.partitioned = true;
    there.on_heal = OnHeal::Reset;
  });
  send_all(fd, "lost");
  p.change([](LinkFaults& there, LinkFaults&) { there = LinkFaults{}; });
  const auto r = read_for(fd, 1, 2000ms);
  CHECK(r.error == ECONNRESET);
  CHECK(p.server.bytes == 1);
  CHECK(p.stats().servers.tcp.reset == 1);
  ::close(fd);
}

TEST_CASE("a new connection across a partition is held until heal, or refused", "[proxy][tcp][partition]") {
  ProxyRig p;
  SECTION("held: the dialer waits, then it works") {
    p.change([](LinkFaults& there, LinkFaults&) { there.partitioned = true; });
    const int fd = dial(p.proxy);  // the kernel accepts for the proxy
    REQUIRE(fd >= 0);
    send_all(fd, "early");
    CHECK(read_for(fd, 1, 300ms).bytes.empty());
    CHECK(p.server.accepted == 0);
    p.change([](LinkFaults& there, LinkFaults&) { there.partitioned = false; });
    CHECK(read_for(fd, 5, 2000ms).bytes == "early");
    CHECK(p.server.accepted == 1);
    ::close(fd);
  }
  SECTION("refuse: the dialer's connection is reset at once") {
    p.change([](LinkFaults& there, LinkFaults&) {
      there.partitioned = true;
      there.refuse = true;
    });
    const int fd = dial(p.proxy);
    const auto r = read_for(fd, 1, 2000ms);
    CHECK((r.error == ECONNRESET || r.eof));
    CHECK(p.server.accepted == 0);
    CHECK(p.stats().servers.tcp.refused == 1);
    ::close(fd);
  }
}

TEST_CASE("latency delays every chunk and keeps the stream's order", "[proxy][tcp][latency]") {
  ProxyRig p;
  const int fd = dial(p.proxy);
  send_all(fd, "warm");
  REQUIRE(read_for(fd, 4, 2000ms).bytes == "warm");
  p.change([](LinkFaults& there, LinkFaults&) {
    there.latency.distribution = LatencyDistribution::Uniform;
    there.latency.mean = 40ms;
    there.latency.jitter = 30ms;
  });
  const auto start = std::chrono::steady_clock::now();
  std::string expected;
  for (int i = 0; i < 50; ++i) {
    const std::string piece = "<" + std::to_string(i) + ">";
    expected += piece;
    send_all(fd, piece);
    std::this_thread::sleep_for(1ms);  // separate chunks, each with its own draw
  }
  const auto r = read_for(fd, expected.size(), 3000ms);
  const auto took = std::chrono::steady_clock::now() - start;
  CHECK(r.bytes == expected);
  CHECK(took >= 10ms);
  CHECK(took < 1000ms);  // delays overlap, they don't add up
  ::close(fd);
}

TEST_CASE("bandwidth throttles a stream to its rate", "[proxy][tcp][bandwidth]") {
  ProxyRig p;
  p.change([](LinkFaults& there, LinkFaults&) { there.bandwidth = 200'000; });
  const int fd = dial(p.proxy);
  const std::string data = pattern(100'000);
  const auto start = std::chrono::steady_clock::now();
  send_all(fd, data);
  const auto r = read_for(fd, data.size(), 5000ms);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(r.bytes == data);
  CHECK(seconds == Approx(0.5).epsilon(0.25));
  ::close(fd);
}

TEST_CASE("stall swallows bytes and keeps the connection open", "[proxy][tcp][stall]") {
  ProxyRig p;
  const int fd = dial(p.proxy);
  send_all(fd, "a");
  REQUIRE(read_for(fd, 1, 2000ms).bytes == "a");
  p.change([](LinkFaults& there, LinkFaults&) { there.stall = true; });
  send_all(fd, "swallowed");
  const auto r = read_for(fd, 1, 300ms);
  CHECK(r.bytes.empty());
  CHECK_FALSE(r.eof);
  CHECK(r.error == 0);
  CHECK(eventually([&] { return p.stats().servers.tcp.swallowed == 9; }));
  p.change([](LinkFaults& there, LinkFaults&) { there.stall = false; });
  send_all(fd, "b");
  CHECK(read_for(fd, 1, 2000ms).bytes == "b");
  CHECK(p.server.bytes == 2);
  ::close(fd);
}

TEST_CASE("reset sends an RST now, or after N bytes", "[proxy][tcp][reset]") {
  ProxyRig p;
  SECTION("now: a live connection is reset") {
    const int fd = dial(p.proxy);
    send_all(fd, "a");
    REQUIRE(read_for(fd, 1, 2000ms).bytes == "a");
    p.change([](LinkFaults& there, LinkFaults&) { there.reset = true; });
    CHECK(read_for(fd, 1, 2000ms).error == ECONNRESET);
    ::close(fd);
  }
  SECTION("after N bytes: exactly N cross, then the RST") {
    p.server.echo = false;
    const int fd = dial(p.proxy);
    REQUIRE(eventually([&] { return p.server.accepted == 1; }));
    p.change([](LinkFaults& there, LinkFaults&) {
      there.reset = true;
      there.reset_after_bytes = 100;
    });
    send_all(fd, pattern(1000));
    CHECK(read_for(fd, 1, 2000ms).error == ECONNRESET);
    CHECK(eventually([&] { return p.server.bytes == 100; }));
    std::this_thread::sleep_for(50ms);
    CHECK(p.server.bytes == 100);
    CHECK(p.stats().servers.tcp.reset == 1);
    ::close(fd);
  }
}

TEST_CASE("slice splits writes into small pieces, bytes intact", "[proxy][tcp][slice]") {
  ProxyRig p;
  p.change([](LinkFaults& there, LinkFaults&) {
    there.slice.average = 100;
    there.slice.variation = 50;
    there.slice.delay = 2ms;
  });
  const int fd = dial(p.proxy);
  const std::string data = pattern(2000);
  send_all(fd, data);
  CHECK(read_for(fd, data.size(), 3000ms).bytes == data);
  // With 2 ms between slices the server reads them one by one.
  CHECK(p.server.reads >= 10);
  ::close(fd);
}

TEST_CASE("down closes live connections and refuses new ones until it ends", "[proxy][tcp][down]") {
  ProxyRig p;
  const int fd = dial(p.proxy);
  send_all(fd, "a");
  REQUIRE(read_for(fd, 1, 2000ms).bytes == "a");
  p.change([](LinkFaults& there, LinkFaults&) { there.down = true; });
  CHECK(read_for(fd, 1, 2000ms).eof);
  const int refused = dial(p.proxy);
  const auto r = read_for(refused, 1, 2000ms);
  CHECK((r.error == ECONNRESET || r.eof));
  CHECK(p.server.accepted == 1);
  p.change([](LinkFaults& there, LinkFaults&) { there.down = false; });
  const int again = dial(p.proxy);
  send_all(again, "b");
  CHECK(read_for(again, 1, 2000ms).bytes == "b");
  const auto stats = p.stats();
  CHECK(stats.servers.tcp.closed == 1);
  CHECK(stats.servers.tcp.refused == 1);
  for (int f : {fd, refused, again}) ::close(f);
}

TEST_CASE("a killed node's proxied connections close", "[proxy][tcp]") {
  ProxyRig p;
  const int fd = dial(p.proxy);
  send_all(fd, "a");
  REQUIRE(read_for(fd, 1, 2000ms).bytes == "a");
  p.on_loop([&] { p.plane.close_endpoint(kServer); });
  CHECK(read_for(fd, 1, 2000ms).eof);
  ::close(fd);
}

TEST_CASE("a port already taken is an error naming the link and address", "[proxy][tcp]") {
  ProxyRig p;
  TcpLinkSpec clash{kClient, kServer, false, "c1 -> n1:client", p.proxy, p.server.endpoint()};
  CHECK_THROWS_WITH(p.on_loop([&] { p.plane.add_tcp(clash); }),
                    Catch::Contains("c1 -> n1:client") && Catch::Contains(std::to_string(p.proxy.port())));
}
