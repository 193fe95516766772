// Elle's list-append inference on the classic examples (Adya's definitions,
// the Elle paper): each anomaly is found with its type, its cycle and a
// reason per edge; each history is valid under the models that allow it.
#include <catch2/catch.hpp>

#include "txn_history.hpp"

using namespace faultline::checkers;
using namespace faultline::checkers::elle;
using namespace faultline::checkers::elle::test;
using faultline::checkers::test::HistoryBuilder;
using faultline::history::OpType;

namespace {

CheckResult append(const HistoryBuilder& h, const std::string& model = "strict-serializable") {
  return check(DataModel::ListAppend, h.ops, model);
}

}  // namespace

TEST_CASE("list-append: a serial history is valid under every model") {
  HistoryBuilder h;
  sequential(h, {{0, R"([["append","x",1],["r","x",[1]]])"},
                 {1, R"([["r","x",[1]],["append","x",2],["append","y",1]])"},
                 {0, R"([["r","x",[1,2]],["r","y",[1]]])"}});
  const auto r = append(h);
  INFO(dump(r));
  CHECK(r.verdict == Verdict::Valid);
  CHECK(r.details.at("anomaly-types").as_array().empty());
  CHECK(r.details.at("not").as_array().empty());
  CHECK(r.details.at("ok-count") == 3);
}

TEST_CASE("list-append: G0, a write cycle, with the keys in each reason") {
  HistoryBuilder h;
  concurrent(h, {{0, R"([["append","x",1],["append","y",1]])"},
                 {1, R"([["append","x",2],["append","y",2]])"},
                 {2, R"([["r","x",[1,2]],["r","y",[2,1]]])"}});
  const auto r = append(h);
  INFO(dump(r));
  CHECK(r.verdict == Verdict::Invalid);
  REQUIRE(has(r, "G0"));
  const auto& g0 = first(r, "G0");
  CHECK(step_types(g0) == "ww ww");
  CHECK(g0.at("cycle").as_array().size() == 2);
  const std::string because(g0.at("steps").at(0).at("because").as_string());
  CHECK(because.find("right after it") != std::string::npos);
  CHECK(r.details.at("not").as_array() == boost::json::array{"read-uncommitted"});
  // Even the weakest model forbids it.
  CHECK(append(h, "read-uncommitted").verdict == Verdict::Invalid);
}

TEST_CASE("list-append: G1c, circular information flow, is read-committed's but not read-uncommitted's") {
  HistoryBuilder h;
  concurrent(h, {{0, R"([["append","x",1],["r","y",[1]]])"}, {1, R"([["append","y",1],["r","x",[1]]])"}});
  const auto r = append(h);
  INFO(dump(r));
  REQUIRE(has(r, "G1c"));
  CHECK(step_types(first(r, "G1c")) == "wr wr");
  CHECK(r.details.at("not").as_array() == boost::json::array{"read-committed"});
  CHECK(append(h, "read-committed").verdict == Verdict::Invalid);
  CHECK(append(h, "read-uncommitted").verdict == Verdict::Valid);
}

TEST_CASE("list-append: G-single, read skew, is forbidden by snapshot isolation") {
  HistoryBuilder h;
  // T2 read x before T1's append but y after it.
  concurrent(h, {{0, R"([["append","x",1],["append","y",1]])"},
                 {1, R"([["r","x",[]],["r","y",[1]]])"},
                 {2, R"([["r","x",[1]]])"}});
  const auto r = append(h);
  INFO(dump(r));
  REQUIRE(has(r, "G-single"));
  const auto& g = first(r, "G-single");
  CHECK(step_types(g) == "rw wr");
  const std::string rw(g.at("steps").at(0).at("because").as_string());
  CHECK(rw == "T1 read key x = [], and T2 appended 1, its first element");
  const std::string wr(g.at("steps").at(1).at("because").as_string());
  CHECK(wr == "T1 read key y = [1], whose last element 1 T2 appended");
  CHECK(append(h, "snapshot-isolation").verdict == Verdict::Invalid);
  CHECK(append(h, "read-committed").verdict == Verdict::Valid);
}

TEST_CASE("list-append: write skew (G2-item) is allowed by snapshot isolation, not by serializable") {
  HistoryBuilder h;
  concurrent(h, {{0, R"([["r","x",[]],["append","y",1]])"},
                 {1, R"([["r","y",[]],["append","x",1]])"},
                 {2, R"([["r","x",[1]],["r","y",[1]]])"}});
  const auto ser = append(h, "serializable");
  INFO(dump(ser));
  CHECK(ser.verdict == Verdict::Invalid);
  REQUIRE(has(ser, "G2-item"));
  CHECK(step_types(first(ser, "G2-item")) == "rw rw");
  CHECK(ser.details.at("not").as_array() == boost::json::array{"repeatable-read"});
  const auto& also = ser.details.at("also-not").as_array();
  CHECK(std::find(also.begin(), also.end(), boost::json::value("serializable")) != also.end());
  CHECK(std::find(also.begin(), also.end(), boost::json::value("snapshot-isolation")) == also.end());
  const auto si = append(h, "snapshot-isolation");
  INFO(dump(si));
  CHECK(si.verdict == Verdict::Valid);
  CHECK(!has(si, "G2-item"));  // not a cycle snapshot isolation forbids, so not searched
}

TEST_CASE("list-append: G-nonadjacent, two rw edges apart, breaks snapshot isolation") {
  HistoryBuilder h;
  // T1 -rw-> T2 -wr-> T3 -rw-> T4 -wr-> T1
  concurrent(h, {{0, R"([["r","x",[]],["r","w",[1]]])"},
                 {1, R"([["append","x",1],["append","z",1]])"},
                 {2, R"([["r","z",[1]],["r","y",[]]])"},
                 {3, R"([["append","y",1],["append","w",1]])"},
                 {4, R"([["r","x",[1]],["r","y",[1]]])"}});
  const auto r = append(h, "snapshot-isolation");
  INFO(dump(r));
  CHECK(r.verdict == Verdict::Invalid);
  REQUIRE(has(r, "G-nonadjacent"));
  CHECK(step_types(first(r, "G-nonadjacent")) == "rw wr rw wr");
  CHECK(!has(r, "G-single"));
}

TEST_CASE("list-append: a stale read after a completed append is G-single-realtime") {
  HistoryBuilder h;
  sequential(h, {{0, R"([["append","x",1]])"}, {1, R"([["r","x",[]]])"}});
  concurrent(h, {{2, R"([["r","x",[1]]])"}});
  const auto strict = append(h);
  INFO(dump(strict));
  CHECK(strict.verdict == Verdict::Invalid);
  REQUIRE(has(strict, "G-single-realtime"));
  const auto& g = first(strict, "G-single-realtime");
  CHECK(step_types(g) == "rw realtime");
  const std::string rt(g.at("steps").at(1).at("because").as_string());
  CHECK(rt == "T2 completed (op 1) before T1 was invoked (op 2)");
  // Snapshot isolation with real-time order is the weakest model it rules out.
  CHECK(strict.details.at("not").as_array() == boost::json::array{"strong-snapshot-isolation"});
  CHECK(strict.details.at("also-not").as_array() == boost::json::array{"strict-serializable"});
  CHECK(append(h, "serializable").verdict == Verdict::Valid);
}

TEST_CASE("list-append: the same stale read on one client is G-single-process (strong session)") {
  HistoryBuilder h;
  sequential(h, {{0, R"([["append","x",1]])"}, {0, R"([["r","x",[]]])"}});
  concurrent(h, {{2, R"([["r","x",[1]]])"}});
  const auto r = append(h, "strong-session-serializable");
  INFO(dump(r));
  CHECK(r.verdict == Verdict::Invalid);
  REQUIRE(has(r, "G-single-process"));
  CHECK(step_types(first(r, "G-single-process")) == "rw process");
  CHECK(append(h, "serializable").verdict == Verdict::Valid);
}

TEST_CASE("list-append: G1a, reading a failed append, and dirty-update on top of it") {
  HistoryBuilder h;
  concurrent(h, {{0, R"([["append","x",1]])", OpType::Fail},
                 {1, R"([["append","x",2]])"},
                 {2, R"([["r","x",[1,2]]])"}});
  const auto r = append(h);
  INFO(dump(r));
  CHECK(r.verdict == Verdict::Invalid);
  REQUIRE(has(r, "G1a"));
  CHECK(first(r, "G1a").at("value") == 1);
  CHECK(first(r, "G1a").at("writer").at("type") == "fail");
  CHECK(has(r, "dirty-update"));
  CHECK(append(h, "read-uncommitted").verdict == Verdict::Valid);
}

TEST_CASE("list-append: G1b, reading an intermediate version") {
  HistoryBuilder h;
  concurrent(h, {{0, R"([["append","x",1],["append","x",2]])"}, {1, R"([["r","x",[1]]])"}});
  const auto r = append(h, "read-committed");
  INFO(dump(r));
  CHECK(r.verdict == Verdict::Invalid);
  REQUIRE(has(r, "G1b"));
  CHECK(first(r, "G1b").at("value") == 1);
}

TEST_CASE("list-append: internal, duplicate-elements, incompatible-order and garbage-read") {
  HistoryBuilder h;
  concurrent(h, {{0, R"([["append","x",1],["append","y",1],["append","z",1]])"},
                 {1, R"([["r","x",[1]],["append","x",2],["r","x",[1]]])"},
                 {2, R"([["r","y",[1,1]]])"},
                 {3, R"([["append","x",3]])"},
                 {4, R"([["r","x",[1,3]]])"},
                 {5, R"([["r","x",[1,2]]])"},
                 {6, R"([["r","z",[1,9]]])"}});
  const auto r = append(h, "read-uncommitted");
  INFO(dump(r));
  CHECK(r.verdict == Verdict::Invalid);
  for (const char* type : {"internal", "duplicate-elements", "incompatible-order", "garbage-read"})
    CHECK(has(r, type));
  const std::string internal(first(r, "internal").at("because").as_string());
  CHECK(internal.find("implied [1 2]") != std::string::npos);
  CHECK(first(r, "garbage-read").at("value") == 9);
}

TEST_CASE("list-append: an indeterminate append that a read shows took part in the order") {
  HistoryBuilder h;
  // T1 is info but its append is seen, so it committed; the read of [] by T3
  // before it and the read of [1] after make a valid serial order.
  concurrent(
      h, {{0, R"([["append","x",1]])", OpType::Info}, {1, R"([["r","x",[1]]])"}, {2, R"([["r","x",[]]])"}});
  const auto r = append(h);
  INFO(dump(r));
  CHECK(r.verdict == Verdict::Valid);
  CHECK(r.details.at("info-count") == 1);
}

TEST_CASE("list-append: a malformed micro-op is an error naming the op") {
  HistoryBuilder h;
  h.invoke(0, "txn", boost::json::parse(R"([["append","x"]])"));
  h.ok(0, "txn", boost::json::parse(R"([["append","x"]])"));
  REQUIRE_THROWS_WITH(append(h), Catch::Contains("op 0") && Catch::Contains("micro-op 0"));
  HistoryBuilder w;
  concurrent(w, {{0, R"([["w","x",1]])"}});
  REQUIRE_THROWS_WITH(append(w), Catch::Contains("list-append history has only"));
}

TEST_CASE("list-append: a history without transactions is unknown, not valid") {
  HistoryBuilder h;
  h.call(0, "read", nullptr, 1);
  const auto r = append(h);
  CHECK(r.verdict == Verdict::Unknown);
  CHECK(r.details.at("reason") == "the history has no txn operations");
}

TEST_CASE("list-append: G-nonadjacent is found beside a G2-item cycle through the same transaction") {
  for (bool g2_first : {true, false}) {
    HistoryBuilder h;
    // T1 -rw-> A -wr-> B -rw-> T1 has two rw edges in a row (G2-item: allowed
    // by snapshot isolation); T1 -rw-> T2 -wr-> T3 -rw-> T4 -wr-> T1 has none
    // (G-nonadjacent: forbidden). The search must not settle for the first.
    const std::vector<T> g2 = {{5, R"([["append","c",1],["append","d",1]])"},
                               {6, R"([["r","d",[1]],["r","e",[]]])"}};
    const std::vector<T> nonadjacent = {{1, R"([["append","x",1],["append","z",1]])"},
                                        {2, R"([["r","z",[1]],["r","y",[]]])"},
                                        {3, R"([["append","y",1],["append","w",1]])"}};
    std::vector<T> all = {{0, R"([["r","c",[]],["append","e",1],["r","x",[]],["r","w",[1]]])"}};
    for (const auto& t : g2_first ? g2 : nonadjacent) all.push_back(t);
    for (const auto& t : g2_first ? nonadjacent : g2) all.push_back(t);
    all.push_back({4, R"([["r","x",[1]],["r","y",[1]],["r","c",[1]],["r","e",[1]]])"});
    concurrent(h, all);
    const auto r = append(h, "snapshot-isolation");
    INFO(g2_first << "\n" << dump(r));
    CHECK(r.verdict == Verdict::Invalid);
    REQUIRE(has(r, "G-nonadjacent"));
    CHECK(step_types(first(r, "G-nonadjacent")) == "rw wr rw wr");
  }
}
