// The router's fault draws and routing rules, with harness endpoints on a real
// io_context (no processes needed: nodes are line sinks here).
#include <catch2/catch.hpp>

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "nemesis/router.hpp"

using namespace faultline;
using namespace std::chrono_literals;

namespace {

struct Net {
  boost::asio::io_context io;
  nemesis::Network network;
  nemesis::Router router;
  std::vector<std::string> node_lines;
  std::vector<boost::json::object> client_messages;
  std::vector<nemesis::ProtocolError> errors;
  int n1, c1;
  explicit Net(std::uint64_t seed, std::size_t max_link_bytes = nemesis::Router::kMaxInFlightBytesPerLink)
      : router(io, network, seed, 256, max_link_bytes) {
    n1 = router.add_node("n1", [this](const std::string& line) {
      node_lines.push_back(line);
      return true;
    });
    c1 = router.add_endpoint("c1", nemesis::EndpointKind::Client,
                             [this](const boost::json::object& m) { client_messages.push_back(m); });
    router.on_protocol_error([this](const nemesis::ProtocolError& e) { errors.push_back(e); });
  }
  // c1 <-> n1 is a client link: the network's client base conditions.
  void set_client_links(const nemesis::LinkFaults& faults) { network.set_base({}, faults); }
  void send_many(int count) {
    for (int i = 0; i < count; ++i) router.send(c1, n1, {{"type", "echo"}, {"n", i}});
    io.run();
  }
  std::vector<std::int64_t> delivered_ns() const {
    std::vector<std::int64_t> out;
    for (const auto& line : node_lines) out.push_back(boost::json::parse(line).at("body").at("n").as_int64());
    return out;
  }
};

}  // namespace

TEST_CASE("loss drops messages at the configured rate", "[router]") {
  Net net(1);
  nemesis::LinkFaults link;
  link.loss = 0.1;
  net.set_client_links(link);
  net.send_many(50000);
  const double delivered = static_cast<double>(net.node_lines.size()) / 50000.0;
  CHECK(delivered == Approx(0.9).margin(0.01));
  CHECK(net.router.stats().clients.dropped + net.router.stats().clients.delivered == 50000);
}

TEST_CASE("duplication delivers extra copies at the configured rate", "[router]") {
  Net net(2);
  nemesis::LinkFaults link;
  link.duplicate = 0.2;
  net.set_client_links(link);
  net.send_many(50000);
  const double copies = static_cast<double>(net.node_lines.size()) / 50000.0;
  CHECK(copies == Approx(1.2).margin(0.01));
  CHECK(net.router.stats().clients.duplicated == net.node_lines.size() - 50000);
}

TEST_CASE("the same seed draws the same faults; another seed does not", "[router]") {
  auto run = [](std::uint64_t seed) {
    Net net(seed);
    nemesis::LinkFaults link;
    link.loss = 0.3;
    link.duplicate = 0.3;
    net.set_client_links(link);
    net.send_many(2000);
    return net.delivered_ns();
  };
  CHECK(run(7) == run(7));
  CHECK(run(7) != run(8));
}

TEST_CASE("FIFO links keep order under random latency; reorder links do not", "[router]") {
  for (auto ordering : {nemesis::Ordering::Fifo, nemesis::Ordering::Reorder}) {
    Net net(3);
    nemesis::LinkFaults link;
    link.latency = {nemesis::LatencyDistribution::Uniform, 2ms, 0ns, 2.0};
    link.ordering = ordering;
    net.set_client_links(link);
    net.send_many(500);
    const auto got = net.delivered_ns();
    REQUIRE(got.size() == 500);
    const bool sorted = std::is_sorted(got.begin(), got.end());
    CHECK(sorted == (ordering == nemesis::Ordering::Fifo));
  }
}

TEST_CASE("a partitioned link drops everything, including messages already in flight", "[router]") {
  Net net(4);
  nemesis::LinkFaults link;
  link.latency = {nemesis::LatencyDistribution::Constant, 20ms, 0ns, 2.0};
  net.set_client_links(link);
  for (int i = 0; i < 10; ++i) net.router.send(net.c1, net.n1, {{"type", "echo"}, {"n", i}});
  link.partitioned = true;  // cut while they are in flight
  net.set_client_links(link);
  for (int i = 0; i < 10; ++i) net.router.send(net.c1, net.n1, {{"type", "echo"}, {"n", i}});
  net.io.run();
  CHECK(net.node_lines.empty());
  CHECK(net.router.stats().clients.dropped == 20);
}

TEST_CASE("nodes get the network's id; harness endpoints get parsed messages", "[router]") {
  Net net(5);
  net.router.send(net.c1, net.n1, {{"type", "echo"}, {"msg_id", 1}});
  net.router.from_node(net.n1, R"({"src":"n1","dest":"c1","body":{"type":"echo_ok","in_reply_to":1}})");
  net.io.run();
  REQUIRE(net.node_lines.size() == 1);
  const auto msg = boost::json::parse(net.node_lines[0]).as_object();
  CHECK(msg.at("id").is_int64());
  CHECK(msg.at("src") == "c1");
  REQUIRE(net.client_messages.size() == 1);
  CHECK(net.client_messages[0].at("body").at("type") == "echo_ok");
}

TEST_CASE("bad node lines are protocol errors naming the node and the line", "[router]") {
  Net net(6);
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"hello there", "not JSON"},
      {"[1,2]", "not a JSON object"},
      {R"({"dest":"c1","body":{}})", "no string src and dest"},
      {R"({"src":"n1","dest":"c1"})", "no body object"},
      {R"({"src":"n1","dest":"n9","body":{}})", "unknown destination 'n9'"},
      {R"({"src":"n2","dest":"c1","body":{}})", "unknown source 'n2'"},
      {R"({"src":null,"dest":"c1","body":{"type":"init_ok"}})", "no string src and dest"},
      {std::string(300, 'x'), "over the 256-byte limit"},
  };
  for (const auto& [line, reason] : bad) net.router.from_node(net.n1, line);
  // A good line after the garbage still flows: the node is not silenced.
  net.router.from_node(net.n1, R"({"src":"n1","dest":"c1","body":{"type":"x"}})");
  net.io.run();
  REQUIRE(net.errors.size() == bad.size());
  for (std::size_t i = 0; i < bad.size(); ++i) {
    INFO(net.errors[i].reason);
    CHECK(net.errors[i].node == "n1");
    CHECK(net.errors[i].reason.find(bad[i].second) != std::string::npos);
    CHECK(!net.errors[i].line.empty());
  }
  CHECK(net.client_messages.size() == 1);
}

TEST_CASE("messages to a dead node count as dropped", "[router]") {
  boost::asio::io_context io;
  nemesis::Network network;
  nemesis::Router router(io, network, 1, 1024);
  const int n1 = router.add_node("n1", [](const std::string&) { return false; });
  const int c1 = router.add_endpoint("c1", nemesis::EndpointKind::Client, [](const boost::json::object&) {});
  router.send(c1, n1, {{"type", "echo"}});
  io.run();
  CHECK(router.stats().clients.dropped == 1);
  CHECK(router.stats().clients.delivered == 0);
}

TEST_CASE("a link over its in-flight byte cap drops and counts what comes next", "[router]") {
  // 20 delayed messages of ~60 bytes against a 600-byte cap: about half fit.
  Net net(9, 600);
  nemesis::LinkFaults link;
  link.latency = {nemesis::LatencyDistribution::Constant, 5ms, 0ns, 2.0};
  net.set_client_links(link);
  net.send_many(20);
  const auto& stats = net.router.stats().clients;
  CHECK(stats.over_cap > 0);
  CHECK(stats.over_cap < 20);
  CHECK(stats.dropped == stats.over_cap);
  CHECK(net.node_lines.size() == 20 - stats.over_cap);
  // Once the queue drained, the link takes messages again.
  net.io.restart();
  net.send_many(1);
  CHECK(net.node_lines.size() == 21 - stats.over_cap);
}

namespace {

// n1 and n2 (nodes) and c1 (a client), as in Maelstrom's raft demo: n2
// forwards c1's request to n1 keeping c1 as src, and n1 answers c1.
struct ForwardNet {
  boost::asio::io_context io;
  nemesis::Network network;
  nemesis::Router router{io, network, 11, 1024};
  std::vector<std::string> n1_lines;
  std::vector<std::pair<boost::json::object, int>> c1_messages;  // message, writer
  std::vector<nemesis::ProtocolError> errors;
  int n1, n2, c1;
  ForwardNet() {
    n1 = router.add_node("n1", [this](const std::string& line) {
      n1_lines.push_back(line);
      return true;
    });
    n2 = router.add_node("n2", [](const std::string&) { return true; });
    c1 = router.add_endpoint(
        "c1", nemesis::EndpointKind::Client,
        [this](const boost::json::object& m, int writer) { c1_messages.emplace_back(m, writer); });
    router.on_protocol_error([this](const nemesis::ProtocolError& e) { errors.push_back(e); });
  }
  void forward() {
    router.from_node(n2, R"({"src":"c1","dest":"n1","body":{"type":"echo","msg_id":1}})");
    io.run();
    io.restart();
  }
  // A one-way partition window: from -> to is cut.
  void cut(const std::string& from, const std::string& to) {
    nemesis::FaultEvent e;
    e.kind = "partition";
    e.start = true;
    e.fault_id = 1;
    e.grudge = {{to, {from}}};  // `to` drops what `from` sends
    network.apply(e);
  }
};

}  // namespace

TEST_CASE("a node may forward under a known endpoint's src, as in Maelstrom", "[router]") {
  ForwardNet net;
  net.forward();
  REQUIRE(net.errors.empty());
  REQUIRE(net.n1_lines.size() == 1);
  const auto msg = boost::json::parse(net.n1_lines[0]).as_object();
  CHECK(msg.at("src") == "c1");  // kept as written, so n1 answers the client
  // The answer reaches the client, which learns that n1 wrote it.
  net.router.from_node(net.n1, R"({"src":"n1","dest":"c1","body":{"type":"echo_ok","in_reply_to":1}})");
  net.io.run();
  REQUIRE(net.c1_messages.size() == 1);
  CHECK(net.c1_messages[0].first.at("body").at("type") == "echo_ok");
  CHECK(net.c1_messages[0].second == net.n1);
  // Counted as a forward on the link it crossed: n2 -> n1, a server link.
  const auto& stats = net.router.stats();
  CHECK(stats.servers.forwarded == 1);
  CHECK(stats.servers.sent == 1);
  CHECK(stats.clients.forwarded == 0);
  CHECK(stats.to_json(1).at("all").at("forwarded") == 1);
}

TEST_CASE("a harness endpoint hears who wrote a message whose src is forged", "[router]") {
  ForwardNet net;
  net.router.from_node(net.n2, R"({"src":"n1","dest":"c1","body":{"type":"init_ok","in_reply_to":1}})");
  net.io.run();
  REQUIRE(net.c1_messages.size() == 1);
  CHECK(net.c1_messages[0].first.at("src") == "n1");
  CHECK(net.c1_messages[0].second == net.n2);
  CHECK(net.router.stats().clients.forwarded == 1);
}

TEST_CASE("a forward crosses the writer's link: its faults apply, the claimed src's do not", "[router]") {
  SECTION("writer -> dest cut: dropped") {
    ForwardNet net;
    net.cut("n2", "n1");
    net.forward();
    CHECK(net.n1_lines.empty());
    CHECK(net.router.stats().servers.dropped == 1);
  }
  SECTION("claimed src -> dest cut, writer -> dest open: delivered") {
    ForwardNet net;
    nemesis::LinkFaults cut;
    cut.partitioned = true;
    net.network.set_base({}, cut);  // every client link down, node links up
    net.forward();
    CHECK(net.n1_lines.size() == 1);
    CHECK(net.router.stats().servers.delivered == 1);
  }
}
