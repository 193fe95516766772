// The proxy plane driven by the network owner, as in a run: a fault window
// opened and closed on nemesis::Network holds and releases a live stream.
#include <catch2/catch.hpp>

#include "nemesis/fault_event.hpp"
#include "proxy_fixture.hpp"

using namespace proxy_test;

TEST_CASE("a partition applied on the Network holds a proxied stream until it heals", "[proxy][network]") {
  boost::asio::io_context io;
  Network network;
  const int n1 = network.add_endpoint("n1", EndpointKind::Node);
  const int n2 = network.add_endpoint("n2", EndpointKind::Node);
  ProxyPlane plane(io, links_of(network), 1);
  network.subscribe([&plane] { plane.links_changed(); });
  EchoServer server(io);
  const auto proxy =
      plane.add_tcp({n1, n2, false, "n1 -> n2:peer",
                     tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0), server.endpoint()});
  std::thread runner([&io] { io.run(); });
  auto on_loop = [&io](auto f) {
    std::promise<void> done;
    boost::asio::post(io, [&] {
      f();
      done.set_value();
    });
    done.get_future().get();
  };

  FaultEvent start;
  start.kind = "partition";
  start.fault_id = 1;
  start.grudge = {{"n2", {"n1"}}};  // n2 ignores n1: the link n1 -> n2 is cut
  FaultEvent stop = start;
  stop.start = false;

  const int fd = dial(proxy);
  send_all(fd, "a");
  REQUIRE(read_for(fd, 1, 2000ms).bytes == "a");
  on_loop([&] { network.apply(start); });
  send_all(fd, "held");
  CHECK(read_for(fd, 1, 300ms).bytes.empty());
  on_loop([&] { network.apply(stop); });
  CHECK(read_for(fd, 4, 2000ms).bytes == "held");
  ::close(fd);
  on_loop([&] {
    plane.stop();
    server.stop();
  });
  io.stop();
  runner.join();
}
