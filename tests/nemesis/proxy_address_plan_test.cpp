#include <catch2/catch.hpp>

#include <set>

#include "nemesis/proxy/address_plan.hpp"

using faultline::nemesis::proxy::AddressPlan;

TEST_CASE("every node and every (source, node) pair gets its own address", "[proxy][addresses]") {
  AddressPlan plan({"n1", "n2", "n3"}, {"c1", "c2"});
  CHECK(plan.real(0, 2380) == "127.0.1.1:2380");
  CHECK(plan.via(0, 1, 2380) == "127.1.2.1:2380");
  CHECK(plan.via(1, 0, 2380) == "127.2.1.1:2380");
  CHECK(plan.source("c2") == 4);
  CHECK(plan.via(plan.source("c2"), 2, 2379) == "127.5.3.1:2379");
  CHECK(plan.source("nobody") == -1);
  std::set<std::string> all;
  for (std::size_t k = 0; k < 3; ++k) all.insert(plan.real_address(k).to_string());
  for (std::size_t s = 0; s < plan.source_count(); ++s)
    for (std::size_t k = 0; k < 3; ++k) all.insert(plan.listener(s, k).to_string());
  CHECK(all.size() == 3 + 5 * 3);
}

TEST_CASE("a node's hosts file names itself at its real address and peers at its proxies",
          "[proxy][addresses]") {
  AddressPlan plan({"n1", "n2", "n3"}, {});
  const auto hosts = plan.hosts_file(1);
  CHECK_THAT(hosts, Catch::Contains("127.2.1.1\tn1\n"));
  CHECK_THAT(hosts, Catch::Contains("127.0.1.2\tn2\n"));
  CHECK_THAT(hosts, Catch::Contains("127.2.3.1\tn3\n"));
  CHECK_THAT(hosts, Catch::Contains("localhost"));
}

TEST_CASE("too many endpoints or a repeated name is a clear error", "[proxy][addresses]") {
  std::vector<std::string> many;
  for (int i = 0; i < 300; ++i) many.push_back("n" + std::to_string(i));
  CHECK_THROWS_WITH(AddressPlan(many, {}), Catch::Contains("at most 254 nodes"));
  CHECK_THROWS_WITH(AddressPlan({"n1", "n1"}, {}), Catch::Contains("'n1' is used twice"));
}
