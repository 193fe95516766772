// The scenario loader: a full valid scenario, and each kind of error with its
// exact file:line:column.
#include <catch2/catch.hpp>

#include "harness/scenario/loader.hpp"
#include "scenario_test_util.hpp"

using namespace faultline::harness;
using namespace faultline::harness::test;
using namespace std::chrono_literals;

TEST_CASE("a full scenario loads into every field", "[scenario]") {
  const std::string text = R"(name: quickstart
seed: 42
time_limit: 20s
nodes:
  count: 5
  command: [build/nodes/echo, --flag, "{{node_id}}", "{{ data_dir }}"]
  protocol: maelstrom
  env: {RUST_LOG: debug, LEVEL: 3}
  cwd: some/dir
  init_timeout: 1.5s
network:
  latency: 5ms
  loss: 0.05
  duplicate: 1%
  ordering: reorder
  max_message_bytes: 4096
  clients:
    latency: {distribution: uniform, mean: 5ms, jitter: 2ms}
    loss: 0
workload:
  type: echo
  rate: 50
  concurrency: 2n
  timeout: 4s
  quiesce: 3s
nemesis:
  - {at: 5s, for: 5s, fault: {type: partition, shape: halves}}
  - {every: 10s, for: 3s, jitter: 1s, fault: {type: kill, targets: one, restart_after: 2s, wipe: true}}
  - random: {pool: [{type: partition, shape: isolate}, {type: pause, targets: minority}], interval: 2s..6s, for: 1s..3s, max_concurrent: 2}
)";
  const Scenario s = load_scenario_text(text, "q.yaml");
  CHECK(s.path == "q.yaml");
  CHECK(s.name == "quickstart");
  CHECK(s.seed == 42);
  CHECK(s.time_limit == 20s);
  CHECK(s.nodes.ids == std::vector<std::string>{"n1", "n2", "n3", "n4", "n5"});
  CHECK(s.nodes.command ==
        std::vector<std::string>{"build/nodes/echo", "--flag", "{{node_id}}", "{{ data_dir }}"});
  CHECK(s.nodes.protocol == "maelstrom");
  CHECK(s.nodes.env == std::map<std::string, std::string>{{"LEVEL", "3"}, {"RUST_LOG", "debug"}});
  CHECK(s.nodes.cwd == "some/dir");
  CHECK(s.nodes.init_timeout == 1500ms);
  CHECK(s.nodes.loc.str() == "q.yaml:5:3");

  CHECK(s.network.nodes.latency.distribution == faultline::nemesis::LatencyDistribution::Constant);
  CHECK(s.network.nodes.latency.mean == 5ms);
  CHECK(s.network.nodes.loss == Approx(0.05));
  CHECK(s.network.nodes.duplicate == Approx(0.01));
  CHECK(s.network.nodes.ordering == Ordering::Reorder);
  CHECK(s.network.max_message_bytes == 4096);
  CHECK(s.network.clients.latency.distribution == faultline::nemesis::LatencyDistribution::Uniform);
  CHECK(s.network.clients.latency.mean == 5ms);
  CHECK(s.network.clients.latency.jitter == 2ms);
  CHECK(s.network.clients.ordering == Ordering::Fifo);

  CHECK(s.workload.type == "echo");
  CHECK(s.workload.rate == 50);
  CHECK(s.workload.concurrency == 10);
  CHECK(s.workload.timeout == 4s);
  CHECK(s.workload.quiesce == 3s);

  REQUIRE(s.nemesis.size() == 3);
  const auto& at = s.nemesis[0];
  CHECK(at.kind == ScheduleEntry::Kind::At);
  CHECK(at.at == 5s);
  CHECK(at.duration == 5s);
  CHECK(at.fault.kind == "partition");
  CHECK(at.fault.shape == "halves");
  CHECK(at.where == "q.yaml:27:5");
  CHECK(at.fault.where == "q.yaml:27:30");
  const auto& every = s.nemesis[1];
  CHECK(every.kind == ScheduleEntry::Kind::Every);
  CHECK(every.every == 10s);
  CHECK(every.duration == 3s);
  CHECK(every.jitter == 1s);
  CHECK(every.fault.kind == "kill");
  CHECK(every.fault.targets.mode == "one");
  CHECK(every.fault.restart_after == 2s);
  CHECK(every.fault.wipe);
  const auto& random = s.nemesis[2];
  CHECK(random.kind == ScheduleEntry::Kind::Random);
  REQUIRE(random.pool.size() == 2);
  CHECK(random.pool[0].shape == "isolate");
  CHECK(random.pool[0].targets.mode == "one");  // isolate's default
  CHECK(random.pool[1].kind == "pause");
  CHECK(random.pool[1].targets.mode == "minority");
  CHECK(random.interval_min == 2s);
  CHECK(random.interval_max == 6s);
  CHECK(random.for_min == 1s);
  CHECK(random.for_max == 3s);
  CHECK(random.max_concurrent == 2);
  CHECK(s.checkers.empty());
  CHECK(s.warnings.empty());

  // source: the scenario as JSON, plain scalars typed, quoted ones strings.
  REQUIRE(s.source.is_object());
  CHECK(s.source.at("seed").as_int64() == 42);
  CHECK(s.source.at("nodes").at("env").at("LEVEL").as_int64() == 3);
  CHECK(s.source.at("nodes").at("command").at(2).as_string() == "{{node_id}}");
  CHECK(s.source.at("nemesis").as_array().size() == 3);
}

TEST_CASE("defaults apply when sections are left out", "[scenario]") {
  const Scenario s = load_scenario_text(kBase, "s.yaml");
  CHECK(s.seed == 0);
  CHECK(s.time_limit == 10s);
  CHECK(s.workload.concurrency == 3);  // "1n"
  CHECK(s.workload.rate == 10);
  CHECK(s.network.nodes.loss == 0);
  CHECK(s.network.max_message_bytes == (1u << 20));
  CHECK(s.nemesis.empty());
  CHECK(s.checkers.empty());
  CHECK(s.expect == "valid");
}

TEST_CASE("expect: the verdict a scenario is meant to get", "[scenario]") {
  CHECK(load_scenario_text(kBase + "expect: invalid\n", "s.yaml").expect == "invalid");
  CHECK(load_scenario_text(kBase + "expect: unknown\n", "s.yaml").expect == "unknown");
  LoadOptions set;
  set.overrides = {"expect=invalid"};
  CHECK(load_scenario_text(kBase, "s.yaml", set).expect == "invalid");
  CHECK(only_error(kBase + "expect: invaild\n") ==
        "s.yaml:7:9: expect has unknown value 'invaild' (did you mean 'invalid'?); "
        "allowed: valid, invalid, unknown");
  CHECK(only_error(kBase + "expect: [invalid]\n") ==
        "s.yaml:7:9: expect must be one of the names below, got a list; allowed: valid, invalid, unknown");
}

TEST_CASE("unknown keys name the allowed keys and the closest one", "[scenario][errors]") {
  CHECK(only_error(kBase + "tim_limit: 5s\n") ==
        "s.yaml:7:1: unknown key 'tim_limit' in the scenario (did you mean 'time_limit'?); "
        "allowed: name, seed, expect, time_limit, nodes, network, workload, client, nemesis, checkers");
  CHECK(only_error(kBase + "  rat: 5\n") ==
        "s.yaml:7:3: unknown key 'rat' in workload (did you mean 'rate'?); "
        "allowed: type, rate, concurrency, timeout, quiesce, final_time_limit, params");
  // Nothing close: no suggestion.
  CHECK(only_error(kBase + "network: {zzzzzz: 1}\n") ==
        "s.yaml:7:11: unknown key 'zzzzzz' in network; "
        "allowed: latency, loss, duplicate, ordering, max_message_bytes, clients, trace");
}

TEST_CASE("wrong types", "[scenario][errors]") {
  CHECK(only_error(kBase + "seed: abc\n") ==
        "s.yaml:7:7: seed must be a non-negative integer, got 'abc'; "
        "allowed: 0..18446744073709551615");
  CHECK(only_error(kBase + "seed: -1\n") ==
        "s.yaml:7:7: seed must be a non-negative integer, got '-1'; "
        "allowed: 0..18446744073709551615");
  CHECK(only_error(kBase + "network: [1, 2]\n") == "s.yaml:7:10: network must be a map of keys, got a list");
  CHECK(
      only_error("name: t\nnodes:\n  count: 3\n  command: build/nodes/echo --x\nworkload: {type: echo}\n") ==
      "s.yaml:4:12: nodes.command must be a list (argv; no shell runs it), got the string "
      "'build/nodes/echo --x'; allowed: a list of the program and its arguments: [build/nodes/echo, '--x']");
  CHECK(only_error(kBase + "network:\n  clients: {latency: [1]}\n") ==
        "s.yaml:8:22: network.clients.latency must be a duration or a map, got a list; allowed: "
        "5ms, or {distribution: constant|uniform|normal|exponential|pareto, mean: 5ms, jitter: "
        "2ms, shape: 2.5}");
  // YAML 1.1 booleans are not booleans here.
  CHECK(only_error(kBase + "nemesis:\n  - {at: 1s, for: 1s, fault: {type: kill, wipe: yes}}\n") ==
        "s.yaml:8:49: nemesis[0].fault.wipe must be true or false, got 'yes'");
}

TEST_CASE("bad values name the allowed values or range", "[scenario][errors]") {
  CHECK(only_error(kBase + "network:\n  loss: 1.5\n") ==
        "s.yaml:8:9: network.loss is out of range: 1.5; "
        "allowed: a number 0..1 or a percentage 0%..100%");
  CHECK(only_error(kBase + "network:\n  ordering: lifo\n") ==
        "s.yaml:8:13: network.ordering has unknown value 'lifo' (did you mean 'fifo'?); "
        "allowed: fifo, reorder");
  CHECK(only_error(kBase + "time_limit: 10 years\n") ==
        "s.yaml:7:13: time_limit: '10 years' is not a duration (e.g. 1.5s, 200ms, 2m); "
        "allowed: ns, us, ms, s, m, h (a bare number is seconds)");
  CHECK(only_error(kBase + "time_limit: 0s\n") == "s.yaml:7:13: time_limit must be at least 1ns, got 0s");
  CHECK(only_error("name: t\nnodes: {count: 0, command: [x]}\nworkload: {type: echo}\n") ==
        "s.yaml:2:16: nodes.count is out of range: 0; allowed: 1..100");
  CHECK(only_error("name: a/b\n" + kBase.substr(8)) ==
        "s.yaml:1:7: name 'a/b' cannot be a directory name; allowed: 1..128 letters, digits, "
        "'_', '-', '.', starting with a letter or digit");
  const std::string type_error =
      only_error("name: t\nnodes: {count: 1, command: [x]}\nworkload:\n  type: ecoh\n");
  CHECK(contains(type_error,
                 "s.yaml:4:9: workload.type has unknown value 'ecoh' (did you mean "
                 "'echo'?); allowed: "));
  CHECK(contains(type_error, "unique-ids"));
}

TEST_CASE("missing required keys", "[scenario][errors]") {
  CHECK(only_error("name: t\nnodes:\n  count: 3\n  command: [x]\n") ==
        "s.yaml:1:1: missing required key 'workload'");
  CHECK(only_error("name: t\nnodes:\n  count: 3\nworkload: {type: echo}\n") ==
        "s.yaml:3:3: missing required key 'nodes.command'");
  CHECK(only_error(kBase + "nemesis:\n  - {at: 1s, fault: {type: pause}}\n") ==
        "s.yaml:8:5: missing required key 'nemesis[0].for'");
  CHECK(only_error(kBase + "nemesis:\n  - {at: 1s, for: 1s, fault: {shape: halves}}\n") ==
        "s.yaml:8:30: missing required key 'nemesis[0].fault.type'; "
        "allowed: partition, latency, loss, duplicate, reorder, bandwidth, stall, reset, slice, down, kill, "
        "pause, restart");
  CHECK(only_error(kBase + "nemesis:\n  - {at: 1s, for: 1s, fault: {type: loss}}\n") ==
        "s.yaml:8:30: missing required key 'nemesis[0].fault.probability'");
  CHECK(only_error("name: t\nnodes: {command: [x]}\nworkload: {type: echo}\n") ==
        "s.yaml:2:8: nodes needs either count or names; allowed: count: N (ids n1..nN) or "
        "names: [a, b, c]");
}

TEST_CASE("YAML syntax errors carry the parser's position", "[scenario][errors]") {
  const std::string error = only_error("name: t\nnodes: [a, b\nworkload: x\n");
  CHECK(contains(error, "YAML syntax error"));
  CHECK(error.rfind("s.yaml:", 0) == 0);
  CHECK_FALSE(contains(error, "s.yaml:0:"));
  const std::string tab = only_error("name: t\nnodes:\n\t count: 3\n");
  CHECK(contains(tab, "s.yaml:3:"));
  CHECK(contains(only_error("name: t\nname: u\nnodes: {count: 1, command: [x]}\nworkload: {type: echo}\n"),
                 "s.yaml:2:1: duplicate key 'name'"));
}

TEST_CASE("all errors of a file come together, in file order", "[scenario][errors]") {
  const std::string text = R"(name: t
seed: x
nodes:
  count: 3
  command: [x, "{{node}}"]
network:
  loss: 2
workload:
  type: echo
  concurrency: many
nemesis:
  - {at: 1s, for: 1s, fault: {type: partition, shape: isolate, targets: [n9]}}
)";
  try {
    load_scenario_text(text, "m.yaml");
    FAIL("expected errors");
  } catch (const ScenarioError& e) {
    const auto errors = e.errors();
    REQUIRE(errors.size() == 5);
    CHECK(errors[0].rfind("m.yaml:2:7: seed", 0) == 0);
    CHECK(errors[1].rfind("m.yaml:5:16: nodes.command[1] uses unknown template '{{node}}'", 0) == 0);
    CHECK(contains(errors[1], "allowed: {{node_id}}, {{node_index}}, {{data_dir}}"));
    CHECK(errors[2].rfind("m.yaml:7:9: network.loss is out of range", 0) == 0);
    CHECK(errors[3].rfind("m.yaml:10:16: workload.concurrency must be a client count", 0) == 0);
    CHECK(errors[4] ==
          "m.yaml:12:74: nemesis[0].fault.targets[0] 'n9' is not a node (did you mean 'n1'?); "
          "allowed: n1, n2, n3");
    // what() is the same list, one per line.
    CHECK(std::string(e.what()) ==
          errors[0] + "\n" + errors[1] + "\n" + errors[2] + "\n" + errors[3] + "\n" + errors[4]);
  }
}

TEST_CASE("nodes: names, templates and protocol", "[scenario][nodes]") {
  const Scenario s = load_scenario_text(
      "name: t\nnodes: {names: [a, b, db-3], command: [x, '{{node_index}}']}\nworkload: {type: echo}\n",
      "s.yaml");
  CHECK(s.nodes.ids == std::vector<std::string>{"a", "b", "db-3"});
  CHECK(only_error("name: t\nnodes: {count: 2, names: [a], command: [x]}\nworkload: {type: echo}\n") ==
        "s.yaml:2:26: nodes.count and nodes.names are both given; use one; allowed: count: N "
        "(ids n1..nN) or names: [a, b, c]");
  CHECK(only_error("name: t\nnodes: {names: [a, a], command: [x]}\nworkload: {type: echo}\n") ==
        "s.yaml:2:20: nodes.names[1] 'a' is listed twice; allowed: each node name once");
  CHECK(contains(only_error("name: t\nnodes: {names: [c1], command: [x]}\nworkload: {type: echo}\n"),
                 "s.yaml:2:17: nodes.names[0] 'c1' clashes with the client ids"));
  CHECK(contains(only_error("name: t\nnodes: {names: [lin-kv], command: [x]}\nworkload: {type: echo}\n"),
                 "is the name of a Maelstrom service"));
  CHECK(only_error("name: t\nnodes:\n  count: 3\n  command: [x]\n  protocol: tcp\nworkload: {type: echo}\n"
                   "client: {command: [a]}\n") ==
        "s.yaml:3:3: nodes.protocol tcp needs nodes.ports: the ports each node listens on; allowed: ports: "
        "{client: 7000, peer: 7001} or {gossip: {port: 7946, proto: udp}}");
  CHECK(
      contains(only_error("name: t\nnodes: {count: 1, command: [x, '{{data_dir']}\nworkload: {type: echo}\n"),
               "s.yaml:2:32: nodes.command[1] has '{{' without a closing '}}'"));
}

TEST_CASE("concurrency: an integer or N per node", "[scenario][workload]") {
  auto with = [](const std::string& concurrency) {
    return "name: t\nnodes: {count: 3, command: [x]}\nworkload: {type: echo, concurrency: " + concurrency +
           "}\n";
  };
  CHECK(load_scenario_text(with("3n"), "s.yaml").workload.concurrency == 9);
  CHECK(load_scenario_text(with("1n"), "s.yaml").workload.concurrency == 3);
  CHECK(load_scenario_text(with("7"), "s.yaml").workload.concurrency == 7);
  CHECK(contains(only_error(with("0")), "s.yaml:3:37: workload.concurrency is out of range: 0"));
  CHECK(contains(only_error(with("0n")), "s.yaml:3:37: workload.concurrency must be a client count"));
  CHECK(contains(only_error(with("4000n")), "means 12000 clients, too many"));
  CHECK(contains(only_error(with("2x")), "or Nn meaning N clients per node (e.g. 2n)"));
  // Scales with an overridden cluster size.
  CHECK(load_scenario_text(with("2n"), "s.yaml", {{"nodes.count=5"}}).workload.concurrency == 10);
}

TEST_CASE("node specs: modes, lists and random k", "[scenario][nemesis]") {
  auto targets = [](const std::string& spec) {
    return kBase + "nemesis:\n  - {at: 1s, for: 1s, fault: {type: pause, targets: " + spec + "}}\n";
  };
  for (const char* mode : {"one", "minority", "majority", "minority-third", "all"}) {
    const Scenario s = load_scenario_text(targets(mode), "s.yaml");
    CHECK(s.nemesis.at(0).fault.targets.mode == mode);
  }
  const Scenario list = load_scenario_text(targets("[n1, n3]"), "s.yaml");
  CHECK(list.nemesis.at(0).fault.targets.mode == "list");
  CHECK(list.nemesis.at(0).fault.targets.names == std::vector<std::string>{"n1", "n3"});
  const Scenario random = load_scenario_text(targets("{random: 2}"), "s.yaml");
  CHECK(random.nemesis.at(0).fault.targets.mode == "random");
  CHECK(random.nemesis.at(0).fault.targets.count == 2);

  CHECK(only_error(targets("{random: 4}")) ==
        "s.yaml:8:62: nemesis[0].fault.targets.random is out of range: 4; allowed: 1..3");
  CHECK(only_error(targets("n2")) ==
        "s.yaml:8:53: nemesis[0].fault.targets has unknown node spec 'n2' (to name one node, "
        "write a list: [n2]); allowed: one, minority, majority, minority-third, all, a list of "
        "node names such as [n1, n2], or {random: k}");
  CHECK(contains(only_error(targets("majorty")), "(did you mean 'majority'?)"));
  CHECK(contains(only_error(targets("[n1, n1]")),
                 "s.yaml:8:58: nemesis[0].fault.targets[1] 'n1' is listed twice"));
  CHECK(contains(only_error(targets("[]")), "is an empty list of nodes"));
  CHECK(contains_error(
      targets("{randum: 1}"), {},
      "s.yaml:8:54: unknown key 'randum' in nemesis[0].fault.targets (did you mean 'random'?)"));
}

TEST_CASE("faults: every type and its keys", "[scenario][nemesis]") {
  const std::string text = kBase + R"(nemesis:
  - {at: 1s, for: 1s, fault: {type: partition, shape: groups, groups: [[n1], [n2, n3]]}}
  - {at: 1s, for: 1s, fault: {type: partition, shape: one-way, from: [n1], to: majority}}
  - {at: 1s, for: 1s, fault: {type: latency, latency: {distribution: pareto, mean: 10ms, shape: 3}, between: [n1, n2]}}
  - {at: 1s, for: 1s, fault: {type: loss, probability: 10%, from: one, direction: one-way, clients: true}}
  - {at: 1s, for: 1s, fault: {type: duplicate, probability: 0.5}}
  - {at: 1s, for: 1s, fault: {type: reorder}}
  - {at: 1s, fault: {type: restart}}
)";
  const Scenario s = load_scenario_text(text, "s.yaml");
  REQUIRE(s.nemesis.size() == 7);
  CHECK(s.nemesis[0].fault.groups == std::vector<std::vector<std::string>>{{"n1"}, {"n2", "n3"}});
  const auto& one_way = s.nemesis[1].fault;
  REQUIRE(one_way.links.from);
  CHECK(one_way.links.from->names == std::vector<std::string>{"n1"});
  REQUIRE(one_way.links.to);
  CHECK(one_way.links.to->mode == "majority");
  const auto& latency = s.nemesis[2].fault;
  CHECK(latency.latency.distribution == faultline::nemesis::LatencyDistribution::Pareto);
  CHECK(latency.latency.mean == 10ms);
  CHECK(latency.latency.pareto_shape == 3);
  REQUIRE(latency.links.between);
  CHECK(latency.links.between->names.size() == 2);
  const auto& loss = s.nemesis[3].fault;
  CHECK(loss.probability == Approx(0.1));
  CHECK(loss.links.direction == "one-way");
  CHECK(loss.links.clients);
  CHECK(loss.links.from->mode == "one");
  CHECK_FALSE(loss.links.to);
  CHECK(s.nemesis[4].fault.probability == Approx(0.5));
  CHECK(s.nemesis[5].fault.kind == "reorder");
  CHECK(s.nemesis[6].fault.kind == "restart");
  CHECK(s.nemesis[6].fault.targets.mode == "all");
  CHECK(s.nemesis[6].duration == 0s);
}

TEST_CASE("fault errors", "[scenario][nemesis][errors]") {
  auto fault = [](const std::string& f) {
    return kBase + "nemesis:\n  - {at: 1s, for: 1s, fault: " + f + "}\n";
  };
  CHECK(only_error(fault("{type: partition, shape: groups, groups: [[n1, n2], [n2, n3]]}")) ==
        "s.yaml:8:83: nemesis[0].fault.groups[1][0] 'n2' is already in nemesis[0].fault.groups[0]; "
        "allowed: each node in at most one group (unlisted nodes form one more group)");
  CHECK(contains(only_error(fault("{type: partition, shape: groups, groups: [[n1, n7]]}")),
                 "s.yaml:8:77: nemesis[0].fault.groups[0][1] 'n7' is not a node"));
  CHECK(only_error(fault("{type: partition, shape: groups}")) ==
        "s.yaml:8:30: missing required key 'nemesis[0].fault.groups'");
  CHECK(only_error(fault("{type: partition, shape: halves, groups: [[n1]]}")) ==
        "s.yaml:8:71: nemesis[0].fault.groups is only used with shape groups, not halves");
  CHECK(only_error(fault("{type: partition, shape: ring}")) ==
        "s.yaml:8:55: nemesis[0].fault.shape has unknown value 'ring'; allowed: halves, "
        "random-halves, isolate, majorities-ring, bridge, one-way, groups");
  CHECK(only_error(fault("{type: kill, probability: 1}")) ==
        "s.yaml:8:43: unknown key 'probability' in nemesis[0].fault; "
        "allowed: type, targets, restart_after, wipe");
  CHECK(only_error(fault("{type: crash}")) ==
        "s.yaml:8:37: nemesis[0].fault.type has unknown value 'crash'; allowed: partition, "
        "latency, loss, duplicate, reorder, bandwidth, stall, reset, slice, down, kill, pause, restart");
  CHECK(contains(only_error(fault("{type: loss, probability: 1, between: all, from: one}")),
                 "nemesis[0].fault.between cannot be combined with from/to"));
  CHECK(contains(only_error(fault("{type: latency, latency: {mean: 1ms, jitter: 1ms}}")),
                 "s.yaml:8:75: nemesis[0].fault.latency.jitter has no meaning for a constant latency"));
  CHECK(contains(only_error(fault("{type: latency, latency: {distribution: pareto, mean: 1ms, shape: 1}}")),
                 "nemesis[0].fault.latency.shape is out of range: 1"));
  CHECK(contains(only_error(fault("7")), "s.yaml:8:30: nemesis[0].fault must be a map with a type"));
}

TEST_CASE("schedule entries: every, random, ranges", "[scenario][nemesis]") {
  auto entry = [](const std::string& e) { return kBase + "nemesis:\n  - " + e + "\n"; };
  CHECK(only_error(entry("{every: 3s, for: 3s, fault: {type: pause}}")) ==
        "s.yaml:8:22: nemesis[0].for (3s) must be shorter than every (3s); "
        "allowed: for < every, so one window ends before the next starts");
  CHECK(contains(only_error(entry("{every: 3s, for: 1s, jitter: 5s, fault: {type: pause}}")),
                 "s.yaml:8:34: nemesis[0].jitter (5s) must be shorter than every (3s)"));
  CHECK(contains(only_error(entry("{for: 1s, fault: {type: pause}}")),
                 "s.yaml:8:5: nemesis[0] says neither when (at, every) nor random"));
  CHECK(contains(only_error(entry("{at: 1s, every: 2s, for: 1s, fault: {type: pause}}")),
                 "s.yaml:8:6: unknown key 'at' in nemesis[0]"));
  CHECK(contains(only_error(entry("{random: {pool: [], interval: 1s, for: 1s}}")),
                 "s.yaml:8:21: nemesis[0].random.pool must be a non-empty list of faults"));
  CHECK(contains(only_error(entry("{random: {pool: [{type: pause}], interval: 6s..2s, for: 1s}}")),
                 "s.yaml:8:48: nemesis[0].random.interval: range '6s..2s' ends before it starts"));
  CHECK(contains(
      only_error(entry("{random: {pool: [{type: pause}], interval: 1s, for: 1s, max_concurrent: 0}}")),
      "nemesis[0].random.max_concurrent is out of range: 0; allowed: 1..1000"));
  CHECK(contains(
      only_error(entry("{random: {pool: [{type: paws}], interval: 1s, for: 1s}}")),
      "s.yaml:8:29: nemesis[0].random.pool[0].type has unknown value 'paws' (did you mean 'pause'?)"));
  const Scenario single =
      load_scenario_text(entry("{random: {pool: [{type: pause}], interval: 4s, for: 1500ms}}"), "s.yaml");
  CHECK(single.nemesis.at(0).interval_min == 4s);
  CHECK(single.nemesis.at(0).interval_max == 4s);
  CHECK(single.nemesis.at(0).for_min == 1500ms);
  CHECK(single.nemesis.at(0).max_concurrent == 1);
  CHECK(contains(only_error(kBase + "nemesis: {at: 1s}\n"),
                 "s.yaml:7:10: nemesis must be a list of schedule entries, got a map"));
}

TEST_CASE("a fault after time_limit is a warning, not an error", "[scenario][nemesis]") {
  const Scenario s = load_scenario_text(
      kBase + "time_limit: 10s\nnemesis:\n  - {at: 30s, for: 1s, fault: {type: pause}}\n", "s.yaml");
  REQUIRE(s.warnings.size() == 1);
  CHECK(s.warnings[0] ==
        "s.yaml:9:10: warning: nemesis[0].at starts at 30s, at or after time_limit 10s; it will "
        "never run");
}

TEST_CASE("checkers: bare names and maps with options", "[scenario][checkers]") {
  CHECK(contains(only_error(kBase + "checkers: [statz]\n"),
                 "s.yaml:7:12: checkers[0] has unknown value 'statz'"));
  CHECK(only_error(kBase + "checkers: [{guarantee: x}]\n")
            .rfind("s.yaml:7:12: missing required key 'checkers[0].type'", 0) == 0);
  CHECK(contains(only_error(kBase + "checkers: stats\n"), "s.yaml:7:11: checkers must be a list"));
  // Needs the stats checker registered in checkers/registry.cpp.
  const Scenario s = load_scenario_text(
      kBase + "checkers:\n  - stats\n  - {type: stats, limit: 3, fifo: true, name: '5'}\n", "s.yaml");
  REQUIRE(s.checkers.size() == 2);
  CHECK(s.checkers[0].type == "stats");
  CHECK(s.checkers[0].options.empty());
  CHECK(s.checkers[1].loc.str() == "s.yaml:9:5");
  CHECK(s.checkers[1].options.at("limit").as_int64() == 3);
  CHECK(s.checkers[1].options.at("fifo").as_bool());
  CHECK(s.checkers[1].options.at("name").as_string() == "5");
  CHECK_FALSE(s.checkers[1].options.contains("type"));
}

TEST_CASE("load_scenario reads files and reports a missing one", "[scenario]") {
  try {
    load_scenario("/nonexistent/x.yaml");
    FAIL("expected an error");
  } catch (const ScenarioError& e) {
    CHECK(contains(e.what(), "/nonexistent/x.yaml:1:1: cannot open the scenario file"));
  }
  CHECK(contains(only_error(""), "s.yaml:1:1: the scenario is empty"));
  CHECK(contains(only_error("- a\n- b\n"), "s.yaml:1:1: the scenario must be a map of keys, got a list"));
  CHECK(contains(only_error("a: 1\n---\nb: 2\n"), "more than one YAML document"));
}

TEST_CASE("network.trace: a boolean or a map of its bounds", "[scenario][trace]") {
  CHECK_FALSE(load_scenario_text(kBase, "s.yaml").network.trace);
  CHECK(load_scenario_text(kBase + "network: {trace: true}\n", "s.yaml").network.trace);
  CHECK_FALSE(load_scenario_text(kBase + "network: {trace: false}\n", "s.yaml").network.trace);
  const Scenario s =
      load_scenario_text(kBase + "network:\n  trace: {max_bytes: 100000, body_bytes: 64}\n", "s.yaml");
  CHECK(s.network.trace);
  CHECK(s.network.trace_limits.max_bytes == 100000);
  CHECK(s.network.trace_limits.body_bytes == 64);
  CHECK(contains(only_error(kBase + "network: {trace: maybe}\n"),
                 "s.yaml:7:18: network.trace must be true or false"));
  CHECK(contains(only_error(kBase + "network:\n  trace: {max_bytes: 10}\n"),
                 "s.yaml:8:22: network.trace.max_bytes"));
  CHECK(contains(only_error(kBase + "network:\n  trace: {bodies: 10}\n"),
                 "s.yaml:8:11: unknown key 'bodies' in network.trace"));
}

TEST_CASE("network.trace on tcp nodes is a warning: the proxies are not traced", "[scenario][trace]") {
  const Scenario s = load_scenario_text(
      "name: t\nnodes:\n  count: 1\n  protocol: tcp\n  command: [x]\n  ports: {client: 7000}\n"
      "network: {trace: true}\nworkload:\n  type: echo\nclient: {command: [a]}\n",
      "s.yaml");
  REQUIRE(s.warnings.size() == 1);
  CHECK(contains(s.warnings[0],
                 "s.yaml:7:18: warning: network.trace records the messages of the stdio router"));
}
