// workload.params against declared ParamSpecs (a scratch list, so this does
// not depend on which workloads are registered).
#include <catch2/catch.hpp>

#include "harness/scenario/doc_node.hpp"
#include "harness/scenario/sections.hpp"

using namespace faultline::harness;
using faultline::workloads::ParamKind;
using faultline::workloads::ParamSpec;

namespace {

std::vector<ParamSpec> specs() {
  std::vector<ParamSpec> out;
  out.push_back({"topology", ParamKind::Enum, "grid", "how nodes are linked", {"grid", "line", "tree4"}});
  ParamSpec keys{"key_count", ParamKind::Int, 5, "keys in play", {}};
  keys.min = 1;
  keys.max = 100;
  out.push_back(keys);
  ParamSpec ratio{"read_ratio", ParamKind::Number, 0.5, "share of reads", {}};
  ratio.min = 0;
  ratio.max = 1;
  out.push_back(ratio);
  out.push_back({"prefix", ParamKind::String, "k", "key prefix", {}});
  out.push_back({"fifo", ParamKind::Bool, false, "expect FIFO", {}});
  out.push_back({"drain", ParamKind::Duration, 2'000'000'000, "final drain time", {}});
  out.push_back({"target", ParamKind::Int, nullptr, "no default: must be given", {}});
  return out;
}

struct Parsed {
  boost::json::object params;
  std::vector<std::string> errors;
};

Parsed parse(const std::string& yaml) {
  Diagnostics diag;
  DocNode root = parse_yaml_document(yaml, "p.yaml", diag);
  REQUIRE_FALSE(diag.has_errors());
  Parsed out;
  out.params = parse_workload_params(root.find("params"), "workload.params", root.loc, specs(), diag);
  out.errors = diag.errors();
  return out;
}

}  // namespace

TEST_CASE("params: given values are typed, defaults filled", "[scenario][params]") {
  const Parsed p = parse("params: {topology: tree4, key_count: 7, drain: 1.5s, target: 3, prefix: 12}\n");
  INFO((p.errors.empty() ? std::string() : p.errors.front()));
  REQUIRE(p.errors.empty());
  CHECK(p.params.at("topology").as_string() == "tree4");
  CHECK(p.params.at("key_count").as_int64() == 7);
  CHECK(p.params.at("drain").as_int64() == 1'500'000'000);  // durations in nanoseconds
  CHECK(p.params.at("prefix").as_string() == "12");
  CHECK(p.params.at("read_ratio").as_double() == 0.5);  // default
  CHECK(p.params.at("fifo").as_bool() == false);        // default
  CHECK(p.params.at("target").as_int64() == 3);
}

TEST_CASE("params: each problem is reported", "[scenario][params][errors]") {
  const Parsed p = parse(
      "params:\n  topology: ring\n  key_count: 0\n  read_ratio: lots\n  fifo: 1\n  drain: soon\n  "
      "topolgy: grid\n");
  REQUIRE(p.errors.size() == 7);
  CHECK(p.errors[0] ==
        "p.yaml:2:3: missing required key 'workload.params.target' (no default: must be given)");
  CHECK(p.errors[1] ==
        "p.yaml:2:13: workload.params.topology has unknown value 'ring'; allowed: grid, line, tree4");
  CHECK(p.errors[2] == "p.yaml:3:14: workload.params.key_count is out of range: 0; allowed: 1..100");
  CHECK(p.errors[3] == "p.yaml:4:15: workload.params.read_ratio must be a number, got 'lots'; allowed: 0..1");
  CHECK(p.errors[4] == "p.yaml:5:9: workload.params.fifo must be true or false, got '1'");
  CHECK(p.errors[5].rfind("p.yaml:6:10: workload.params.drain: 'soon' is not a duration", 0) == 0);
  CHECK(p.errors[6] ==
        "p.yaml:7:3: unknown key 'topolgy' in workload.params (did you mean 'topology'?); allowed: "
        "topology, key_count, read_ratio, prefix, fifo, drain, target");
}

TEST_CASE("params: a workload without params rejects any", "[scenario][params][errors]") {
  Diagnostics diag;
  DocNode root = parse_yaml_document("params: {x: 1}\n", "p.yaml", diag);
  parse_workload_params(root.find("params"), "workload.params", root.loc, {}, diag);
  REQUIRE(diag.errors().size() == 1);
  CHECK(diag.errors()[0] ==
        "p.yaml:1:10: unknown key 'x' in workload.params; allowed: (this workload takes no params)");
}
