// Elle's rw-register inference: unique writes, nil before everything, and
// writes-follow-reads give the version order; lost updates and write skew
// are told apart by the models that allow them.
#include <catch2/catch.hpp>

#include "txn_history.hpp"

using namespace faultline::checkers;
using namespace faultline::checkers::elle;
using namespace faultline::checkers::elle::test;
using faultline::checkers::test::HistoryBuilder;
using faultline::history::OpType;

namespace {

CheckResult reg(const HistoryBuilder& h, const std::string& model = "strict-serializable") {
  return check(DataModel::RwRegister, h.ops, model);
}

}  // namespace

TEST_CASE("rw-register: a serial history is valid") {
  HistoryBuilder h;
  sequential(h, {{0, R"([["r","x",null],["w","x",1]])"},
                 {1, R"([["r","x",1],["w","x",2],["w","y",1]])"},
                 {0, R"([["r","x",2],["r","y",1]])"}});
  const auto r = reg(h);
  INFO(dump(r));
  CHECK(r.verdict == Verdict::Valid);
}

TEST_CASE("rw-register: lost update is found, and snapshot isolation forbids it") {
  HistoryBuilder h;
  sequential(h, {{0, R"([["w","x",1]])"}});
  concurrent(h, {{1, R"([["r","x",1],["w","x",2]])"}, {2, R"([["r","x",1],["w","x",3]])"}});
  const auto r = reg(h, "snapshot-isolation");
  INFO(dump(r));
  CHECK(r.verdict == Verdict::Invalid);
  REQUIRE(has(r, "lost-update"));
  const auto& lost = first(r, "lost-update");
  CHECK(lost.at("value") == 1);
  CHECK(lost.at("ops").as_array().size() == 2);
  CHECK(reg(h, "read-committed").verdict == Verdict::Valid);
}

TEST_CASE("rw-register: the lost update's anti-dependency cycle is G2-item under serializable") {
  HistoryBuilder h;
  sequential(h, {{0, R"([["w","x",1]])"}});
  concurrent(h, {{1, R"([["r","x",1],["w","x",2]])"}, {2, R"([["r","x",1],["w","x",3]])"}});
  const auto r = reg(h, "serializable");
  INFO(dump(r));
  REQUIRE(has(r, "G2-item"));
  const auto& g = first(r, "G2-item");
  CHECK(step_types(g) == "rw rw");
  const std::string because(g.at("steps").at(0).at("because").as_string());
  CHECK(because.find("read the same version and then wrote") != std::string::npos);
}

TEST_CASE("rw-register: write skew from the initial state is G2-item, allowed by snapshot isolation") {
  HistoryBuilder h;
  concurrent(h, {{0, R"([["r","x",null],["w","y",1]])"}, {1, R"([["r","y",null],["w","x",1]])"}});
  const auto ser = reg(h, "serializable");
  INFO(dump(ser));
  CHECK(ser.verdict == Verdict::Invalid);
  REQUIRE(has(ser, "G2-item"));
  const std::string because(first(ser, "G2-item").at("steps").at(0).at("because").as_string());
  CHECK(because.find("(the initial state)") != std::string::npos);
  CHECK(reg(h, "snapshot-isolation").verdict == Verdict::Valid);
}

TEST_CASE("rw-register: G1c from two transactions reading each other's writes") {
  HistoryBuilder h;
  concurrent(h, {{0, R"([["w","x",1],["r","y",1]])"}, {1, R"([["w","y",1],["r","x",1]])"}});
  const auto r = reg(h, "read-committed");
  INFO(dump(r));
  CHECK(r.verdict == Verdict::Invalid);
  REQUIRE(has(r, "G1c"));
  CHECK(step_types(first(r, "G1c")) == "wr wr");
}

TEST_CASE("rw-register: G0 from writes that follow each other's reads both ways") {
  HistoryBuilder h;
  concurrent(h, {{0, R"([["r","x",2],["w","x",1],["r","y",4],["w","y",3]])"},
                 {1, R"([["r","x",1],["w","x",2],["r","y",3],["w","y",4]])"}});
  const auto r = reg(h, "read-uncommitted");
  INFO(dump(r));
  REQUIRE(has(r, "G0"));
  CHECK(step_types(first(r, "G0")) == "ww ww");
}

TEST_CASE("rw-register: G1a, G1b, internal and garbage reads") {
  HistoryBuilder h;
  concurrent(h, {{0, R"([["w","x",1]])", OpType::Fail},
                 {1, R"([["r","x",1]])"},
                 {2, R"([["w","y",1],["w","y",2]])"},
                 {3, R"([["r","y",1]])"},
                 {4, R"([["w","z",5],["r","z",6]])"},
                 {5, R"([["r","q",7]])"}});
  const auto r = reg(h);
  INFO(dump(r));
  CHECK(r.verdict == Verdict::Invalid);
  for (const char* type : {"G1a", "G1b", "internal", "garbage-read"}) CHECK(has(r, type));
}

TEST_CASE("rw-register: a list read is an error naming the op") {
  HistoryBuilder h;
  concurrent(h, {{0, R"([["r","x",[1]]])"}});
  REQUIRE_THROWS_WITH(reg(h), Catch::Contains("op 1") && Catch::Contains("returned a list"));
}
