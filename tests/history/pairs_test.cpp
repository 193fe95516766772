#include "history/pairs.hpp"

#include <catch2/catch.hpp>

#include "test_ops.hpp"

using namespace faultline::history;
using faultline::history::test::make_op;

TEST_CASE("completion_of and invocation_of pair ops per process") {
  History h = {
      make_op(0, 1, OpType::Invoke, "read"),               // 0 -> 3
      make_op(1, 2, OpType::Invoke, "write", 1),           // 1 -> 4 (info)
      make_op(2, kNemesisProcess, OpType::Info, "start"),  // nemesis: unpaired
      make_op(3, 1, OpType::Ok, "read", 0),                //
      make_op(4, 2, OpType::Info, "write", 1),             //
      make_op(5, 1, OpType::Invoke, "write", 2),           // 5 -> 7 (fail)
      make_op(6, 3, OpType::Invoke, "read"),               // never completes
      make_op(7, 1, OpType::Fail, "write", 2),             //
      make_op(8, kNemesisProcess, OpType::Info, "stop"),   //
      make_op(9, 4, OpType::Ok, "read", 1),                // completion without invoke
  };
  auto comp = completion_of(h);
  auto inv = invocation_of(h);
  CHECK(comp == std::vector<std::int64_t>{3, 4, -1, -1, -1, 7, -1, -1, -1, -1});
  CHECK(inv == std::vector<std::int64_t>{-1, -1, -1, 0, 1, -1, -1, 5, -1, -1});
}

TEST_CASE("pairing an empty history gives empty vectors") {
  CHECK(completion_of({}).empty());
  CHECK(invocation_of({}).empty());
}

TEST_CASE("a re-invoke on a busy process leaves the first invoke unpaired") {
  History h = {make_op(0, 1, OpType::Invoke, "read"), make_op(1, 1, OpType::Invoke, "read"),
               make_op(2, 1, OpType::Ok, "read", 1)};
  CHECK(completion_of(h) == std::vector<std::int64_t>{-1, 2, -1});
  CHECK(invocation_of(h) == std::vector<std::int64_t>{-1, -1, 1});
}

TEST_CASE("pair_ops lists every pairing issue where it happens, and pairs as well as it can") {
  History h = {
      make_op(0, 1, OpType::Invoke, "read"),      // superseded by 1
      make_op(1, 1, OpType::Invoke, "write", 1),  // -> 2, but with another f
      make_op(2, 1, OpType::Ok, "read", 1),       //
      make_op(3, 2, OpType::Ok, "read", 1),       // orphan
      make_op(4, 3, OpType::Invoke, "read"),      // never completes
  };
  const Pairing p = pair_ops(h);
  REQUIRE(p.pairs.size() == 3);
  CHECK(p.pairs[0].invoke == 0);
  CHECK(p.pairs[0].completion == -1);
  CHECK(p.pairs[1].invoke == 1);
  CHECK(p.pairs[1].completion == 2);
  CHECK(p.pairs[2].process == 3);
  REQUIRE(p.issues.size() == 3);
  CHECK(p.issues[0].kind == PairIssueKind::Reinvoked);
  CHECK(describe(p.issues[0], h) ==
        "process 1 invoked again while its op at history entry 0 is still pending");
  CHECK(p.issues[1].kind == PairIssueKind::DifferentF);
  CHECK(describe(p.issues[1], h) == "completes 'write' invoked at entry 1 with a different f");
  CHECK(p.issues[2].kind == PairIssueKind::Orphan);
  CHECK(p.issues[2].position == 3);
}
