// `client:` — the adapter each client runs (docs/adapters.md).
#include "scenario_test_util.hpp"

using namespace faultline::harness;
using namespace faultline::harness::test;

TEST_CASE("client: names the adapter argv and hands its options over as JSON", "[scenario]") {
  const Scenario s = load_scenario_text(kBase + R"(client:
  command: [build/adapters/etcd_adapter, --id, "{{client_id}}"]
  options: {consistency: serializable, timeout_ms: 500, tags: [a, b]}
  env: {A: "1"}
  init_timeout: 3s
)",
                                        "s.yaml");
  REQUIRE(s.client);
  CHECK(s.client->command ==
        std::vector<std::string>{"build/adapters/etcd_adapter", "--id", "{{client_id}}"});
  CHECK(boost::json::serialize(s.client->options) ==
        R"({"consistency":"serializable","timeout_ms":500,"tags":["a","b"]})");
  CHECK(s.client->env.at("A") == "1");
  CHECK(s.client->init_timeout == std::chrono::seconds(3));
  CHECK(!load_scenario_text(kBase, "s.yaml").client);
}

TEST_CASE("client: errors name the place and what is allowed", "[scenario][errors]") {
  CHECK(only_error(kBase + "client:\n  command: etcd_adapter\n") ==
        "s.yaml:8:12: client.command must be a list (argv; no shell runs it), got the string "
        "'etcd_adapter'; allowed: a list such as [etcd_adapter]");
  CHECK(contains(only_error(kBase + "client:\n  command: [a]\n  options: [x]\n"),
                 "client.options must be a map"));
  CHECK(contains(only_error(kBase + "client:\n  options: {}\n"), "client.command"));
  CHECK(contains(only_error(kBase + "client:\n  command: [a]\n  optoins: {}\n"), "did you mean 'options'"));
}
