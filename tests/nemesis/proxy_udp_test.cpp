// The UDP link proxy with real sockets: per-datagram faults as the router
// applies them per message, drawn from the seed.
#include <catch2/catch.hpp>

#include <vector>

#include "proxy_fixture.hpp"

using namespace proxy_test;

namespace {
// Sends `count` numbered datagrams, paced so loopback buffers never drop.
void send_numbered(int fd, int count) {
  for (int i = 0; i < count; ++i) {
    const std::string d = std::to_string(i);
    ::send(fd, d.data(), d.size(), 0);
    if (i % 50 == 49) std::this_thread::sleep_for(1ms);
  }
}

std::vector<int> receive_numbered(int fd, std::chrono::milliseconds quiet) {
  std::vector<int> got;
  char buf[64];
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(quiet.count())) <= 0) return got;
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return got;
    got.push_back(std::stoi(std::string(buf, static_cast<std::size_t>(n))));
  }
}
}  // namespace

TEST_CASE("udp: datagrams and replies cross a clean link", "[proxy][udp]") {
  ProxyRig p;
  const int fd = dial_udp(p.udp_proxy);
  send_numbered(fd, 100);
  const auto got = receive_numbered(fd, 300ms);
  CHECK(got.size() == 100);
  const auto stats = p.stats();
  CHECK(stats.servers.udp.sent == 200);
  CHECK(stats.servers.udp.delivered == 200);
  ::close(fd);
}

TEST_CASE("udp: loss and duplication at their rates", "[proxy][udp]") {
  ProxyRig p;
  p.udp_server.echo = false;
  p.change([](LinkFaults& there, LinkFaults&) {
    there.loss = 0.2;
    there.duplicate = 0.1;
  });
  const int fd = dial_udp(p.udp_proxy);
  send_numbered(fd, 5000);
  // The kernel may drop a few before the proxy reads them on a loaded
  // machine; rates are of what the proxy received.
  std::uint64_t sent = 0;
  while (eventually([&] { return p.stats().servers.udp.sent > sent; }, 200ms))
    sent = p.stats().servers.udp.sent;
  const auto stats = p.stats();
  REQUIRE(stats.servers.udp.sent >= 4000);
  const double received = static_cast<double>(stats.servers.udp.sent);
  CHECK(static_cast<double>(stats.servers.udp.dropped) / received == Approx(0.2).margin(0.02));
  CHECK(static_cast<double>(stats.servers.udp.duplicated) / (received * 0.8) == Approx(0.1).margin(0.02));
  CHECK(eventually(
      [&] { return static_cast<std::uint64_t>(p.udp_server.received) == stats.servers.udp.delivered; }));
  ::close(fd);
}

TEST_CASE("udp: a one-way partition drops one direction only", "[proxy][udp]") {
  ProxyRig p;
  p.change([](LinkFaults&, LinkFaults& back) { back.partitioned = true; });
  const int fd = dial_udp(p.udp_proxy);
  send_numbered(fd, 20);
  CHECK(eventually([&] { return p.udp_server.received == 20; }));
  CHECK(receive_numbered(fd, 200ms).empty());
  p.change([](LinkFaults&, LinkFaults& back) { back.partitioned = false; });
  send_numbered(fd, 20);
  CHECK(receive_numbered(fd, 300ms).size() == 20);
  ::close(fd);
}

TEST_CASE("udp: latency delays datagrams; reorder lets them overtake", "[proxy][udp]") {
  ProxyRig p;
  p.change([](LinkFaults& there, LinkFaults&) {
    there.latency.distribution = LatencyDistribution::Uniform;
    there.latency.mean = 20ms;
    there.latency.jitter = 15ms;
  });
  const int fd = dial_udp(p.udp_proxy);
  const auto start = std::chrono::steady_clock::now();
  send_numbered(fd, 200);
  auto fifo = receive_numbered(fd, 300ms);
  CHECK(std::chrono::steady_clock::now() - start >= 5ms);
  REQUIRE(fifo.size() == 200);
  CHECK(std::is_sorted(fifo.begin(), fifo.end()));
  p.change([](LinkFaults& there, LinkFaults&) { there.ordering = Ordering::Reorder; });
  send_numbered(fd, 200);
  auto reordered = receive_numbered(fd, 300ms);
  REQUIRE(reordered.size() == 200);
  CHECK_FALSE(std::is_sorted(reordered.begin(), reordered.end()));
  ::close(fd);
}

TEST_CASE("udp: the same seed drops the same datagrams", "[proxy][udp]") {
  auto dropped_pattern = [](std::uint64_t seed) {
    ProxyRig p(seed);
    p.udp_server.echo = false;
    p.change([](LinkFaults& there, LinkFaults&) { there.loss = 0.5; });
    const int fd = dial_udp(p.udp_proxy);
    std::vector<int> delivered;
    for (int i = 0; i < 64; ++i) {
      const int before = p.udp_server.received;
      const std::string d = std::to_string(i);
      ::send(fd, d.data(), d.size(), 0);
      eventually([&] { return p.stats().servers.udp.sent == static_cast<std::uint64_t>(i + 1); });
      eventually([&] { return p.udp_server.received > before; }, 20ms);
      delivered.push_back(p.udp_server.received - before);
    }
    ::close(fd);
    return delivered;
  };
  const auto a = dropped_pattern(7);
  CHECK(a == dropped_pattern(7));
  CHECK(a != dropped_pattern(8));
}
