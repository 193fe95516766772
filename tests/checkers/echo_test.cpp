#include "checkers/echo.hpp"

#include <catch2/catch.hpp>

#include "history_builder.hpp"

using namespace faultline::checkers;
using faultline::checkers::test::HistoryBuilder;

TEST_CASE("echo: matching replies are valid") {
  HistoryBuilder h;
  h.call(0, "echo", "Please echo 5", "Please echo 5");
  h.invoke(1, "echo", "Please echo 7");
  h.invoke(0, "echo", "Please echo 9");
  h.ok(1, "echo", "Please echo 7");
  h.ok(0, "echo", "Please echo 9");
  h.invoke(2, "echo", "pending");  // a partial history: not an error
  auto r = EchoChecker().check(h.ops);
  CHECK(r.verdict == Verdict::Valid);
  CHECK(r.details.at("ok-count") == 3);
  CHECK(r.details.at("pending-count") == 1);
}

TEST_CASE("echo: a wrong reply is invalid and shows both sides") {
  HistoryBuilder h;
  h.call(0, "echo", "Please echo 5", "Please echo 5");
  h.call(1, "echo", "Please echo 6", "Please echo 66");
  auto r = EchoChecker().check(h.ops);
  CHECK(r.verdict == Verdict::Invalid);
  REQUIRE(r.details.at("errors-count") == 1);
  auto& e = r.details.at("errors").at(0).as_object();
  CHECK(e.at("kind") == "mismatch");
  CHECK(e.at("expected") == "Please echo 6");
  CHECK(e.at("got") == "Please echo 66");
  CHECK(e.at("invoke").at("index") == 2);
  CHECK(e.at("completion").at("index") == 3);
}

TEST_CASE("echo: timeouts and errors count as failures, as in Maelstrom") {
  HistoryBuilder h;
  h.call(0, "echo", "a", "a");
  h.invoke(1, "echo", "b");
  h.info(1, "echo", "b");
  h.invoke(2, "echo", "c");
  h.fail(2, "echo", "c");
  auto r = EchoChecker().check(h.ops);
  CHECK(r.verdict == Verdict::Invalid);
  CHECK(r.details.at("errors-count") == 2);
  CHECK(r.details.at("errors").at(0).at("kind") == "info");
  CHECK(r.details.at("errors").at(1).at("kind") == "fail");
}

TEST_CASE("echo: no echo ops is unknown") {
  auto r = EchoChecker().check({});
  CHECK(r.verdict == Verdict::Unknown);
  CHECK(r.details.at("reason") == "the history has no echo operations");
}
