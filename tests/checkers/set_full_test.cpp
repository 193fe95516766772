#include "checkers/set_full.hpp"

#include <catch2/catch.hpp>
#include <map>
#include <random>
#include <set>

#include "history/pairs.hpp"
#include "history_builder.hpp"

using namespace faultline::checkers;
using faultline::checkers::test::arr;
using faultline::checkers::test::HistoryBuilder;
using faultline::history::History;
using faultline::history::OpType;
namespace json = boost::json;

TEST_CASE("set-full: every element read after its add is stable and valid") {
  HistoryBuilder h;
  h.call(0, "add", 1, nullptr);
  h.call(1, "add", 2, nullptr);
  h.call(0, "read", nullptr, arr({1, 2}), true);
  h.call(1, "read", nullptr, arr({2, 1}), true);
  auto r = SetFullChecker().check(h.ops);
  CHECK(r.verdict == Verdict::Valid);
  CHECK(r.details.at("attempt-count") == 2);
  CHECK(r.details.at("stable-count") == 2);
  CHECK(r.details.at("lost-count") == 0);
  CHECK(r.details.at("stale-count") == 0);
  CHECK(r.details.at("final-read-count") == 2);
  CHECK(r.details.at("stable-latencies").at("1") == 0.0);
}

TEST_CASE("set-full: an element missing from later reads is lost, with the final reads that missed it") {
  HistoryBuilder h;
  h.call(0, "add", 1, nullptr);                // 0,1
  h.call(0, "add", 2, nullptr);                // 2,3
  h.call(1, "read", nullptr, arr({1, 2}));     // 4,5
  h.call(1, "read", nullptr, arr({2}), true);  // 6,7 final, misses 1
  h.call(2, "read", nullptr, arr({2}), true);  // 8,9 final, misses 1
  auto r = SetFullChecker().check(h.ops);
  CHECK(r.verdict == Verdict::Invalid);
  CHECK(r.details.at("lost-count") == 1);
  auto& lost = r.details.at("lost").at(0).as_object();
  CHECK(lost.at("element") == 1);
  CHECK(lost.at("add").at("index") == 0);
  CHECK(lost.at("add-ok").at("index") == 1);
  CHECK(lost.at("last-present-read").at("index") == 5);
  CHECK(lost.at("last-absent-read").at("index") == 9);
  CHECK(lost.at("final-reads-missing-count") == 2);
  CHECK(lost.at("final-reads-missing").at(0).at("index") == 7);
  CHECK_FALSE(lost.at("final-reads-missing").at(0).as_object().contains("value"));  // reads stay small
  CHECK(r.details.at("lost-latencies").at("0").as_double() ==
        Approx(3.000001));  // known at 1 ms; last present read invoked at 4 ms
  CHECK_THAT(std::string(r.details.at("reason").as_string()), Catch::Contains("1 elements lost"));
}

TEST_CASE("set-full: stale reads are reported but only fail a linearizable check") {
  HistoryBuilder h;
  h.call(0, "add", 7, nullptr);          // 0,1: known at t=1ms
  h.call(1, "read", nullptr, arr({}));   // 2,3: missed it
  h.call(1, "read", nullptr, arr({}));   // 4,5: missed it again
  h.call(1, "read", nullptr, arr({7}));  // 6,7: finally there
  auto r = SetFullChecker().check(h.ops);
  CHECK(r.verdict == Verdict::Valid);
  CHECK(r.details.at("stable-count") == 1);
  CHECK(r.details.at("stale-count") == 1);
  CHECK(r.details.at("stale") == json::parse("[7]"));
  auto& worst = r.details.at("worst-stale").at(0).as_object();
  CHECK(worst.at("element") == 7);
  // stable from just after the last missing read's invocation (t=4ms) minus known (t=1ms)
  CHECK(worst.at("stable-latency-ms").as_double() == Approx(3.000001));
  CHECK(worst.at("last-absent-read").at("index") == 5);

  SetFullOptions lin;
  lin.linearizable = true;
  auto rl = SetFullChecker(lin).check(h.ops);
  CHECK(rl.verdict == Verdict::Invalid);
  CHECK_THAT(std::string(rl.details.at("reason").as_string()), Catch::Contains("stale"));
}

TEST_CASE("set-full: indeterminate adds are fine either way") {
  HistoryBuilder h;
  h.invoke(0, "add", 1);
  h.info(0, "add", 1);  // maybe added: shows up later -> stable
  h.invoke(1, "add", 2);
  h.info(1, "add", 2);  // maybe not: never seen, never known -> never-read, not lost
  h.invoke(2, "add", 3);
  h.fail(2, "add", 3);  // definitely not added
  h.call(3, "read", nullptr, arr({1}), true);
  auto r = SetFullChecker().check(h.ops);
  CHECK(r.verdict == Verdict::Valid);
  CHECK(r.details.at("stable-count") == 1);
  CHECK(r.details.at("lost-count") == 0);
  CHECK(r.details.at("never-read-count") == 2);
  CHECK(r.details.at("never-read") == json::parse("[2,3]"));
}

TEST_CASE("set-full: an element twice in one read is a duplicate and invalid") {
  HistoryBuilder h;
  h.call(0, "add", 1, nullptr);
  h.call(0, "add", 2, nullptr);
  h.call(1, "read", nullptr, arr({1, 2, 1, 1}));
  h.call(1, "read", nullptr, arr({1, 2}));
  auto r = SetFullChecker().check(h.ops);
  CHECK(r.verdict == Verdict::Invalid);
  CHECK(r.details.at("duplicated-count") == 1);
  auto& dup = r.details.at("duplicated-reads").at(0).as_object();
  CHECK(dup.at("element") == 1);
  CHECK(dup.at("times") == 3);
  CHECK(dup.at("read").at("index") == 5);
  CHECK(dup.at("read").at("value-size") == 4);
}

TEST_CASE("set-full: elements nobody added, or read before their add, are unexpected") {
  HistoryBuilder h;
  h.call(1, "read", nullptr, arr({5}));  // 0,1: 5 is added only later
  h.call(0, "add", 5, nullptr);          // 2,3
  h.call(1, "read", nullptr, arr({5, 99}));
  auto r = SetFullChecker().check(h.ops);
  CHECK(r.verdict == Verdict::Invalid);
  CHECK(r.details.at("unexpected-count") == 2);
  std::set<std::string> reasons;
  for (const auto& u : r.details.at("unexpected").as_array())
    reasons.insert(std::string(u.at("reason").as_string()));
  CHECK(reasons == std::set<std::string>{"never added", "read before its add was invoked"});
}

TEST_CASE("set-full: the broadcast workload's add_f") {
  HistoryBuilder h;
  h.call(0, "broadcast", 0, nullptr);
  h.call(1, "read", nullptr, arr({0}), true);
  auto r = SetFullChecker(parse_set_full_options(json::parse(R"({"add_f":"broadcast"})").as_object()))
               .check(h.ops);
  CHECK(r.verdict == Verdict::Valid);
  CHECK(r.details.at("stable-count") == 1);
  // With the default add_f the broadcast ops are not adds: 0 is unexpected.
  CHECK(SetFullChecker().check(h.ops).verdict == Verdict::Invalid);
}

TEST_CASE("set-full: empty or never-stable histories are unknown with a reason") {
  auto r = SetFullChecker().check({});
  CHECK(r.verdict == Verdict::Unknown);
  CHECK(r.details.at("reason") == "the history has no add or read operations");
  HistoryBuilder h;
  h.call(0, "add", 1, nullptr);
  h.invoke(1, "read");
  h.fail(1, "read");
  auto r2 = SetFullChecker().check(h.ops);
  CHECK(r2.verdict == Verdict::Unknown);
  CHECK_THAT(std::string(r2.details.at("reason").as_string()), Catch::Contains("no read succeeded"));
}

TEST_CASE("set-full: bad options name what is allowed") {
  CHECK_THROWS_WITH(parse_set_full_options(json::parse(R"({"linearisable":true})").as_object()),
                    Catch::Contains("allowed: linearizable, add_f, read_f"));
  CHECK_THROWS_WITH(parse_set_full_options(json::parse(R"({"linearizable":"yes"})").as_object()),
                    Catch::Contains("true or false"));
}

// ---------------------------------------------------------------------------
// The sweep must agree with a direct transcription of Jepsen's set-full, which
// updates every known element at every read.

namespace {

struct Counts {
  std::size_t stable = 0, lost = 0, never_read = 0, stale = 0;
};

Counts jepsen_set_full(const History& h) {
  struct St {
    long known = -1, lp = -1, la = -1;
  };
  std::map<std::int64_t, St> elems;
  auto inv = faultline::history::invocation_of(h);
  for (std::size_t i = 0; i < h.size(); ++i) {
    const auto& op = h[i];
    if (op.f == "add") {
      if (op.type == OpType::Invoke)
        elems.try_emplace(op.value.as_int64());
      else if (op.type == OpType::Ok) {
        auto& s = elems.at(h[inv[i]].value.as_int64());
        if (s.known < 0) s.known = static_cast<long>(i);
      }
    } else if (op.f == "read" && op.type == OpType::Ok) {
      std::set<std::int64_t> vs;
      for (auto& v : op.value.as_array()) vs.insert(v.as_int64());
      long iop = inv[i];
      for (auto& [e, s] : elems) {
        if (vs.count(e)) {
          if (s.lp < iop) {
            s.lp = iop;
            if (s.known < 0) s.known = static_cast<long>(i);
          }
        } else if (s.la < iop) {
          s.la = iop;
        }
      }
    }
  }
  Counts c;
  for (auto& [e, s] : elems) {
    bool stable = s.lp >= 0 && s.la < s.lp;
    bool lost = s.known >= 0 && s.la >= 0 && s.lp < s.la && s.known < s.la;
    if (stable) {
      ++c.stable;
      std::int64_t stable_time = s.la >= 0 ? h[s.la].time + 1 : 0;
      if (stable_time - h[s.known].time > 0) ++c.stale;
    } else if (lost) {
      ++c.lost;
    } else {
      ++c.never_read;
    }
  }
  return c;
}

History random_set_history(std::uint64_t seed, int processes, int steps) {
  std::mt19937_64 rng(seed);
  HistoryBuilder b;
  struct Pending {
    bool busy = false;
    bool read = false;
    std::int64_t value = 0;
  };
  std::vector<Pending> p(processes);
  std::int64_t next = 0;
  std::vector<std::int64_t> invoked;
  std::set<std::int64_t> acked;
  for (int s = 0; s < steps; ++s) {
    int k = static_cast<int>(rng() % processes);
    auto& st = p[k];
    if (!st.busy) {
      st.busy = true;
      st.read = rng() % 2;
      if (st.read) {
        b.invoke(k, "read");
      } else {
        st.value = next++;
        invoked.push_back(st.value);
        b.invoke(k, "add", st.value);
      }
      continue;
    }
    st.busy = false;
    if (st.read) {
      json::array vs;
      for (auto e : invoked) {
        int keep = acked.count(e) ? 85 : 40;
        if (static_cast<int>(rng() % 100) < keep) vs.push_back(e);
      }
      if (rng() % 10 == 0)
        b.fail(k, "read");
      else
        b.ok(k, "read", vs);
    } else {
      int r = static_cast<int>(rng() % 10);
      if (r < 7) {
        b.ok(k, "add", st.value);
        acked.insert(st.value);
      } else if (r < 9) {
        b.info(k, "add", st.value);
      } else {
        b.fail(k, "add", st.value);
      }
    }
  }
  return b.ops;
}

}  // namespace

TEST_CASE("set-full agrees with a direct transcription of Jepsen's algorithm") {
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    History h = random_set_history(seed, 2 + static_cast<int>(seed % 6), 200 + static_cast<int>(seed * 7));
    Counts want = jepsen_set_full(h);
    auto r = SetFullChecker().check(h);
    INFO("seed " << seed);
    CHECK(r.details.at("stable-count") == want.stable);
    CHECK(r.details.at("lost-count") == want.lost);
    CHECK(r.details.at("never-read-count") == want.never_read);
    CHECK(r.details.at("stale-count") == want.stale);
    CHECK(r.details.at("duplicated-count") == 0);
    CHECK(r.details.at("unexpected-count") == 0);
  }
}

namespace {
// A final read by process p on `node`.
void final_read(HistoryBuilder& h, std::int64_t p, const std::string& node, json::value out) {
  h.invoke(p, "read", nullptr, true);
  h.ops.back().node = node;
  h.ok(p, "read", std::move(out), true);
  h.ops.back().node = node;
}
}  // namespace

TEST_CASE("set-full: an element missing from one node's final read is lost there, whatever read came last") {
  // n1 never got 2 and 3; n2's final read, invoked last, has everything. Jepsen
  // (and Maelstrom) judge by the last read only and call this valid with 2 stale.
  HistoryBuilder h;
  h.call(0, "add", 1, nullptr);
  h.call(0, "add", 2, nullptr);
  h.call(0, "add", 3, nullptr);
  h.call(1, "read", nullptr, arr({1, 2, 3}));
  final_read(h, 0, "n1", arr({1}));
  final_read(h, 1, "n2", arr({1, 2, 3}));
  auto r = SetFullChecker().check(h.ops);
  CHECK(r.verdict == Verdict::Invalid);
  CHECK(r.details.at("lost-count") == 2);
  CHECK(r.details.at("stable-count") == 1);
  CHECK(r.details.at("stale-count") == 0);
  const auto& by_node = r.details.at("final-reads-by-node").as_object();
  CHECK(by_node.at("n1").at("lost-count") == 2);
  CHECK(by_node.at("n1").at("lost") == json::parse("[2,3]"));
  CHECK(by_node.at("n2").at("lost-count") == 0);
  CHECK(r.details.at("lost").at(0).at("missing-on-nodes") == json::parse(R"(["n1"])"));
  CHECK_THAT(std::string(r.details.at("reason").as_string()),
             Catch::Contains("2 elements lost") && Catch::Contains("final reads of n1 (2)"));
}

TEST_CASE("set-full: an element known only from a read must be in every final read after it") {
  HistoryBuilder h;
  h.invoke(0, "add", 5);  // never acknowledged
  h.info(0, "add", 5);
  h.call(1, "read", nullptr, arr({5}));  // but a read showed it
  final_read(h, 1, "n1", arr({5}));
  final_read(h, 2, "n3", arr({}));
  auto r = SetFullChecker().check(h.ops);
  CHECK(r.verdict == Verdict::Invalid);
  CHECK(r.details.at("final-reads-by-node").at("n3").at("lost") == json::parse("[5]"));
}

TEST_CASE("set-full: an unacknowledged element nobody read may be absent from final reads") {
  HistoryBuilder h;
  h.call(0, "add", 1, nullptr);
  h.invoke(0, "add", 2);
  h.info(0, "add", 2);
  final_read(h, 0, "n1", arr({1}));
  final_read(h, 1, "n2", arr({1}));
  auto r = SetFullChecker().check(h.ops);
  CHECK(r.verdict == Verdict::Valid);
  CHECK(r.details.at("lost-count") == 0);
  CHECK(r.details.at("final-reads-by-node").at("n1").at("lost-count") == 0);
}
