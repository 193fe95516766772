// The front end: pairing, dropping and bad input.
#include <catch2/catch.hpp>

#include "checkers/linearizability/check_file.hpp"
#include "checkers/linearizability/model.hpp"
#include "checkers/linearizability/options.hpp"
#include "checkers/linearizability/prepare.hpp"
#include "history_builder.hpp"

namespace lin = faultline::checkers::lin;
using faultline::checkers::Verdict;
using faultline::testing::HistoryBuilder;

TEST_CASE("prepare pairs ops by process and drops failed ops and crashed reads") {
  HistoryBuilder b;
  b.invoke(0, "write", "1").invoke(1, "read").info(1, "read").ok(0, "write", "1");
  b.invoke(2, "cas", "[1,2]").fail(2, "cas", "[1,2]").invoke(3, "write", "4");
  faultline::history::Op nemesis;
  nemesis.process = faultline::history::kNemesisProcess;
  nemesis.type = faultline::history::OpType::Info;
  nemesis.f = "start-partition";
  auto h = b.history();
  h.push_back(nemesis);
  auto model = lin::make_model("cas-register");
  auto p = lin::prepare_history(h, *model, false);
  REQUIRE(p.partitions.size() == 1);
  CHECK(p.ops == 2);
  CHECK(p.crashed == 1);
  CHECK(p.failed_dropped == 1);
  CHECK(p.crashed_reads_dropped == 1);
  CHECK(p.skipped_nemesis == 1);
  const auto& ops = p.partitions[0].ops;
  CHECK(ops[0].op.f == "write");
  CHECK(ops[0].call == 0);
  CHECK(ops[0].ret == 3);
  CHECK(ops[1].op.crashed);
  CHECK(ops[1].ret == lin::kNever);
}

TEST_CASE("bad histories give Unknown naming the entry, never a crash") {
  auto expect_error = [](const HistoryBuilder& b, const std::string& text) {
    lin::LinOptions o;
    auto r = lin::check_history(b, o);
    CHECK(r.verdict == Verdict::Unknown);
    REQUIRE(r.details.contains("error"));
    CHECK_THAT(std::string(r.details.at("error").as_string()), Catch::Contains(text));
  };
  HistoryBuilder orphan;
  orphan.ok(0, "write", "1");
  expect_error(orphan, "without a pending invocation");
  HistoryBuilder twice;
  twice.invoke(0, "write", "1").invoke(0, "write", "2");
  expect_error(twice, "still pending");
  HistoryBuilder mismatch;
  mismatch.invoke(0, "write", "1").ok(0, "read", "1");
  expect_error(mismatch, "different f");
  HistoryBuilder unknown_f;
  unknown_f.op(0, "append", "1", "1");
  expect_error(unknown_f, "history entry 0");
  HistoryBuilder bad_cas;
  bad_cas.op(0, "cas", "7", "7");
  expect_error(bad_cas, "[from, to]");
}

TEST_CASE("options parse, and reject unknown names and values") {
  boost::json::object o{{"model", "kv"}, {"time_budget", 2.5}, {"memory_budget_mb", 64}, {"keyed", false}};
  auto opts = lin::parse_lin_options(o);
  CHECK(opts.model == "kv");
  CHECK(opts.effective_keyed());
  CHECK(opts.time_budget_s == 2.5);
  CHECK(opts.memory_budget_mb == 64);
  CHECK_THROWS_WITH(lin::parse_lin_options({{"model", "stack"}}), Catch::Contains("known: register"));
  CHECK_THROWS_WITH(lin::parse_lin_options({{"time_budget", -1}}), Catch::Contains("positive"));
  CHECK_THROWS_WITH(lin::parse_lin_options({{"timeout", 1}}), Catch::Contains("unknown option 'timeout'"));
  CHECK_THROWS_WITH(lin::parse_lin_options({{"keyed", "yes"}}), Catch::Contains("true or false"));
  CHECK(lin::parse_lin_options({{"threads", 0}}).threads == 0);
  CHECK(lin::parse_lin_options({{"threads", 3}}).threads == 3);
  CHECK_THROWS_WITH(lin::parse_lin_options({{"threads", -2}}), Catch::Contains("from 0"));
}
