// The explanation of a bad key, in JSON and in the HTML view.
#include <catch2/catch.hpp>

#include "checkers/linearizability/check_file.hpp"
#include "checkers/linearizability/html.hpp"
#include "checkers/linearizability/register.hpp"
#include "history_builder.hpp"

namespace lin = faultline::checkers::lin;
using faultline::checkers::Verdict;
using faultline::testing::HistoryBuilder;

namespace {

// p0 writes 1, then p0 writes 2 while p1 reads 1 concurrently (fine), then p2
// reads 1 after the write of 2 completed: stale.
HistoryBuilder stale_read() {
  HistoryBuilder b;
  b.op(0, "write", "1", "1");                                      // 0, 1
  b.invoke(0, "write", "2").invoke(1, "read").ok(1, "read", "1");  // 2, 3, 4
  b.ok(0, "write", "2");                                           // 5
  b.invoke(3, "write", "3").invoke(2, "read").ok(2, "read", "1");  // 6, 7, 8
  b.ok(3, "write", "3");                                           // 9
  return b;
}

}  // namespace

TEST_CASE("the counterexample names the stuck op, the prefix and the window") {
  lin::LinOptions o;
  auto r = lin::check_history(stale_read(), o);
  REQUIRE(r.verdict == Verdict::Invalid);
  const auto& bad = r.details.at("invalid").as_array().at(0).as_object();
  const auto& op = bad.at("op").as_object();
  CHECK(op.at("f") == "read");
  CHECK(op.at("process") == 2);
  CHECK(op.at("result") == 1);
  CHECK(op.at("invoke_index") == 7);
  CHECK(op.at("complete_index") == 8);
  CHECK(bad.at("state") == "3");
  // write 1, read 1, write 2 and the concurrent write 3 linearize; the stale
  // read cannot follow (nor precede write 3: the state is then 2).
  CHECK(bad.at("prefix_length") == 4);
  const auto& prefix = bad.at("longest_prefix").as_array();
  REQUIRE(prefix.size() == 4);
  CHECK(prefix[0].as_object().at("op").as_object().at("f") == "write");
  CHECK(prefix[2].as_object().at("state") == "2");
  CHECK(prefix[3].as_object().at("state") == "3");
  // Concurrent with the stuck read: itself and the write of 3.
  const auto& window = bad.at("concurrent_window").as_array();
  REQUIRE(window.size() == 2);
  bool saw_write3 = false;
  for (const auto& w : window) saw_write3 |= w.as_object().at("value") == 3;
  CHECK(saw_write3);
  // Only the stale read is left, and it is illegal in 3.
  const auto& finals = bad.at("final_paths").as_array();
  REQUIRE(finals.size() == 1);
  CHECK_THAT(std::string(finals[0].as_object().at("outcome").as_string()),
             Catch::Contains("illegal in state 3"));
  CHECK_THAT(std::string(bad.at("error").as_string()), Catch::Contains("illegal in state 3"));
}

TEST_CASE("the HTML view is self-contained and marks the failing op") {
  lin::LinOptions o;
  auto r = lin::check_history(stale_read(), o);
  std::string html = lin::render_linearizability_html(r);
  CHECK_THAT(html, Catch::StartsWith("<!DOCTYPE html>"));
  CHECK_THAT(html, Catch::Contains("<svg"));
  CHECK_THAT(html, Catch::Contains("class=\"op stuck") || Catch::Contains("class=\"op window stuck"));
  CHECK_THAT(html, Catch::Contains("process 2"));
  CHECK_THAT(html, Catch::Contains("linearization point #4"));
  CHECK_THAT(html, !Catch::Contains("http://") || Catch::Contains("xmlns=\"http://www.w3.org/2000/svg\""));
  CHECK_THAT(html, !Catch::Contains("<script src") && !Catch::Contains("<link"));
  // Exactly one op is highlighted as stuck.
  std::size_t count = 0;
  for (std::size_t at = html.find(" stuck\""); at != std::string::npos; at = html.find(" stuck\"", at + 1))
    ++count;
  CHECK(count == 1);
}

TEST_CASE("a stale read refuted without search: three ops, the overwrite named, drawn like any other") {
  lin::LinOptions o;
  o.steps_before_windows = 0;  // refuters first, even on a history this small
  auto r = lin::check_history(stale_read(), o);
  REQUIRE(r.verdict == Verdict::Invalid);
  const auto& bad = r.details.at("invalid").as_array().at(0).as_object();
  CHECK(bad.at("refuted_by") == "stale-read");
  CHECK(bad.at("op").at("process") == 2);
  CHECK(bad.at("ops").as_array().size() == 3);  // write 1, write 2, the read
  const std::string why =
      "1 was there only once: write 1 (process 0, op #0) was overwritten by write 2 (process 0, op #2), "
      "before it began";
  CHECK(std::string(bad.at("why").as_string()) == why);
  CHECK(std::string(r.details.at("reason").as_string()) ==
        "read -> 1 (process 2, op #7) cannot take effect; " + why);
  const std::string html = lin::render_linearizability_html(r);
  CHECK_THAT(html, Catch::Contains("<svg") && Catch::Contains("was overwritten by write 2"));
  std::size_t count = 0;
  for (std::size_t at = html.find(" stuck\""); at != std::string::npos; at = html.find(" stuck\"", at + 1))
    ++count;
  CHECK(count == 1);
}

TEST_CASE("a read of a value written only after it returned: the stale-read refuter says so") {
  HistoryBuilder b;
  b.op(0, "write", "1", "1").op(1, "read", "null", "5").op(0, "write", "5", "5");
  lin::LinOptions o;
  o.steps_before_windows = 0;
  auto r = lin::check_history(b, o);
  REQUIRE(r.verdict == Verdict::Invalid);
  const auto& bad = r.details.at("invalid").as_array().at(0).as_object();
  CHECK(bad.at("refuted_by") == "stale-read");
  CHECK(std::string(bad.at("why").as_string()) ==
        "5 was there only once: write 5 (process 0, op #4) began only after it returned");
  CHECK(bad.at("ops").as_array().size() == 2);
}

TEST_CASE("the timeline has a time axis and every label whole, however short the op") {
  // The long cas is invoked and completed between two neighbouring events,
  // a bar a column wide: its label used to be cut to "cas [".
  HistoryBuilder b;
  b.op(0, "write", "1", "1");
  b.invoke(1, "cas", "[1, 123456789]").ok(1, "cas", "[1, 123456789]");
  b.invoke(2, "read").ok(2, "read", "1");
  lin::LinOptions o;
  auto r = lin::check_history(b, o);
  REQUIRE(r.verdict == Verdict::Invalid);
  const std::string html = lin::render_linearizability_html(r);
  CHECK_THAT(html, Catch::Contains(">cas [1,123456789]</text>"));
  CHECK_THAT(html, !Catch::Contains("\u2026"));  // no ellipsis anywhere
  CHECK_THAT(html, Catch::Contains("class=\"axis\""));
  CHECK_THAT(html, Catch::Contains(" ms</text>"));  // the history builder's times, 10 ns apart
}

TEST_CASE("a history without times is drawn against its entries, not a column of 0.000 ms") {
  // Porcupine's kv logs give order only: every op's time is 0.
  HistoryBuilder b;
  b.op(0, "write", "1", "1");
  b.invoke(2, "read").ok(2, "read", "2");
  faultline::history::History h = b;
  for (auto& op : h) op.time = 0;
  auto r = lin::check_history(h, lin::LinOptions{});
  REQUIRE(r.verdict == Verdict::Invalid);
  const std::string html = lin::render_linearizability_html(r);
  CHECK_THAT(html, Catch::Contains(">entry</text>"));
  CHECK_THAT(html, Catch::Contains(">#2</text>") && Catch::Contains(">#3</text>"));
  CHECK_THAT(html, !Catch::Contains(" ms</text>"));
}

TEST_CASE("the HTML view of a valid and of an unknown result") {
  HistoryBuilder b;
  b.op(0, "write", "1", "1").op(1, "read", "null", "1");
  auto valid = lin::check_history(b, lin::LinOptions{});
  CHECK_THAT(lin::render_linearizability_html(valid), Catch::Contains("verdict-valid"));
  lin::LinOptions o;
  o.model = "register";
  HistoryBuilder cas;
  cas.op(0, "cas", "[1,2]", "[1,2]");
  auto unknown = lin::check_history(cas, o);
  std::string html = lin::render_linearizability_html(unknown);
  CHECK_THAT(html, Catch::Contains("verdict-unknown"));
  CHECK_THAT(html, Catch::Contains("no operation &#39;cas&#39;") || Catch::Contains("no operation 'cas'"));
}

TEST_CASE("the registry entry builds a working checker from options") {
  auto entry = faultline::checkers::linearizability_checker_entry();
  CHECK(entry.name == "linearizable");
  auto checker = entry.make({{"model", "register"}, {"time_budget", 5}});
  CHECK(checker->name() == "linearizable");
  CHECK(checker->check(stale_read()).verdict == Verdict::Invalid);
  CHECK_THROWS_AS(entry.make({{"model", "nope"}}), std::invalid_argument);
}

TEST_CASE("all_keys explains every bad key; by default the first stops the rest") {
  HistoryBuilder b;
  for (int k = 0; k < 6; ++k) {
    std::string key = std::to_string(k);
    b.op(0, "write", "[" + key + ", 1]", "[" + key + ", 1]");
    b.op(1, "read", "[" + key + ", null]", "[" + key + ", 2]");  // never written
  }
  lin::LinOptions all;
  all.model = "kv";
  all.all_keys = true;
  all.threads = 2;
  auto r = lin::check_history(b, all);
  REQUIRE(r.verdict == Verdict::Invalid);
  CHECK(r.details.at("invalid").as_array().size() == 6);
  lin::LinOptions first;
  first.model = "kv";
  first.threads = 1;
  auto r1 = lin::check_history(b, first);
  REQUIRE(r1.verdict == Verdict::Invalid);
  CHECK(r1.details.at("invalid").as_array().size() == 1);
  CHECK(r1.details.at("not_checked").to_number<std::int64_t>() == 5);
}
