// End to end through the real binary: udp nodes (nodes/udp_counter) behind
// the proxy plane, loss and duplication drawn per datagram from the seed.
#include <catch2/catch.hpp>

#include "proxy_test_util.hpp"

using namespace faultline::e2e;
using namespace faultline::e2e::proxy_test;

namespace {
// A udp node's readiness: a probe that gets an answer to `read`.
const std::string kProbe =
    "[python3, -c, \"import socket,sys; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); "
    "s.settimeout(0.2); "
    "h,p=sys.argv[1].rsplit(':',1); s.sendto(b'read',(h,int(p))); s.recv(99)\", '{{addr.g}}']";

std::string udp_counter(const std::string& extra) {
  return "name: proxy-udp\nseed: 5\ntime_limit: 5s\nnodes:\n  count: 1\n  protocol: udp\n  command: [" +
         node_binary("udp_counter") +
         ", --listen, '{{addr.g}}']\n  ports: {g: 7000}\n  ready: {command: " + kProbe +
         ", timeout: 60s}\nclient:\n  command: [python3, " + kAdapter +
         "]\n  options: {port: g, proto: udp, timeout: 0.2}\n  init_timeout: 60s\n"
         "workload:\n  type: pn-counter\n  rate: 200\n  concurrency: 4\n  timeout: 1s\n  quiesce: 0.5s\n" +
         extra;
}
}  // namespace

TEST_CASE("udp loss and duplication hit datagrams at their rates", "[e2e][proxy][udp]") {
  const auto out = run_scenario_text(udp_counter("network:\n  clients: {loss: 0.2, duplicate: 0.25}\n"));
  INFO(dump(out));
  CHECK(out.leftover_pids.empty());
  REQUIRE(out.exit_code != 255);
  const double sent = static_cast<double>(counter(out, "clients", "udp", "datagrams_sent"));
  const double dropped = static_cast<double>(counter(out, "clients", "udp", "datagrams_dropped"));
  const double duplicated = static_cast<double>(counter(out, "clients", "udp", "datagrams_duplicated"));
  REQUIRE(sent > 250);
  CHECK(dropped / sent == Approx(0.2).margin(0.07));
  CHECK(duplicated / (sent - dropped) == Approx(0.25).margin(0.08));
}

TEST_CASE("a udp node without faults counts every add once", "[e2e][proxy][udp]") {
  const auto out = run_scenario_text(udp_counter(""));
  INFO(dump(out));
  REQUIRE(out.exit_code == 0);
  CHECK(out.leftover_pids.empty());
  CHECK(counter(out, "clients", "udp", "datagrams_dropped") == 0);
  const auto [sum, info] = ok_adds(out);
  CHECK(final_read(out, "n1") == sum);
}
