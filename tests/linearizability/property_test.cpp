// The search (with its memo and reductions) against the brute-force reference
// on thousands of small seeded random histories, for every model.
#include <catch2/catch.hpp>

#include <array>
#include <functional>
#include <map>

#include "brute_force.hpp"
#include "checkers/linearizability/check_file.hpp"
#include "checkers/linearizability/model.hpp"
#include "checkers/linearizability/stale_read.hpp"
#include "checkers/linearizability/synthetic.hpp"
#include "history/seed.hpp"

namespace lin = faultline::checkers::lin;
namespace json = boost::json;
using faultline::checkers::Verdict;
using faultline::history::History;
using faultline::history::Op;
using faultline::history::OpType;

namespace {

// Models whose values are [key, v], each key checked alone.
bool keyed_model(const std::string& name) { return name == "kv" || name == "string-kv"; }

struct Draw {
  std::string f;
  json::value input;
};

// The output an op would observe in `state` (reads, dequeues); null otherwise.
json::value observe(const std::string& f, const json::value& state) {
  if (f == "read" || f == "get") return state;
  if (f == "dequeue") return state.as_array().empty() ? json::value(nullptr) : state.as_array().front();
  return nullptr;
}

// `fresh`: registers write unique values 0, 1, 2, ... from it, and a cas
// expects any value written so far; string-kv appends and puts unique tokens.
Draw draw(const std::string& model, faultline::history::Rng& rng, int* fresh = nullptr) {
  auto pick = [&](int n) { return static_cast<int>(rng() % n); };
  if (model == "register" || model == "cas-register" || model == "kv") {
    int r = pick(10);
    if (r < 4) return {"read", nullptr};
    if (fresh && (r < 7 || model == "register")) return {"write", (*fresh)++};
    if (fresh) {
      const int from = pick(*fresh + 1);
      return {"cas", json::array{from, (*fresh)++}};
    }
    if (r < 7 || model == "register") return {"write", pick(3)};
    return {"cas", json::array{pick(3), pick(3)}};
  }
  if (model == "string-kv") {
    // Unique appended tokens (Porcupine's kv tests), or a small alphabet whose
    // tokens are prefixes of each other's concatenations.
    const int r = pick(10);
    if (r < 4) return {"get", nullptr};
    const json::string token = fresh ? json::string("x" + std::to_string((*fresh)++) + "y")
                                     : json::string(std::array{"a", "b", "ab"}[pick(3)]);
    return {r < 8 ? "append" : "put", token};
  }
  if (model == "set") return pick(2) ? Draw{"add", pick(4)} : Draw{"read", nullptr};
  if (model == "fifo-queue") return pick(2) ? Draw{"enqueue", pick(3)} : Draw{"dequeue", nullptr};
  return pick(2) ? Draw{"acquire", nullptr} : Draw{"release", nullptr};
}

json::value random_output(const std::string& model, const std::string& f, faultline::history::Rng& rng) {
  auto pick = [&](int n) { return static_cast<int>(rng() % n); };
  if (model == "set") {
    json::array a;
    for (int v = 0; v < 4; ++v)
      if (pick(2)) a.push_back(v);
    return a;
  }
  if (f == "get") return json::string(std::array{"", "a", "ab", "ba", "x0y", "x0yx1y"}[pick(6)]);
  if (f == "read" || f == "dequeue") return pick(4) == 3 ? json::value(nullptr) : json::value(pick(3));
  return nullptr;
}

// Simulates the object with random linearization points inside each op's
// interval; with `corrupt`, one completion then lies. With `unique`
// (registers, string-kv), written values are unique. One op in `crash_one_in` crashes
// (ends :info, taking effect or not).
History random_history(const std::string& model_name, std::uint64_t seed, bool corrupt, bool unique = false,
                       int crash_one_in = 5) {
  auto rng = faultline::history::make_rng(seed, unique ? "lin-property-unique" : "lin-property");
  int fresh = 0;
  auto pick = [&](int n) { return static_cast<int>(rng() % n); };
  bool keyed = keyed_model(model_name);
  auto model = lin::make_model(model_name);
  int processes = 2 + pick(3);
  int total = 3 + pick(6);
  std::map<int, json::value> states;
  struct Slot {
    std::int64_t process;
    bool busy = false, applied = false, crash = false, failed = false;
    int key = 0;
    Draw d;
    json::value out;
  };
  std::vector<Slot> slots;
  for (int p = 0; p < processes; ++p) slots.push_back(Slot{p});
  std::int64_t next_process = processes;
  History h;
  auto emit = [&](Slot& s, OpType type, json::value v) {
    Op op;
    op.index = static_cast<std::int64_t>(h.size());
    op.process = s.process;
    op.type = type;
    op.f = s.d.f;
    op.value = keyed ? json::value(json::array{s.key, v}) : v;
    h.push_back(std::move(op));
  };
  int invoked = 0, busy = 0;
  while (invoked < total || busy > 0) {
    Slot& s = slots[pick(processes)];
    if (!s.busy) {
      if (invoked >= total) continue;
      ++invoked;
      ++busy;
      s.busy = true;
      s.applied = s.failed = false;
      s.crash = pick(crash_one_in) == 0;
      s.key = keyed ? pick(2) : 0;
      s.d = draw(model_name, rng, unique ? &fresh : nullptr);
      emit(s, OpType::Invoke, s.d.input);
    } else if (!s.applied) {
      s.applied = true;
      if (s.crash && pick(2)) continue;
      if (!states.count(s.key)) states[s.key] = model->init();
      lin::ModelOp op{s.d.f, s.d.input, observe(s.d.f, states[s.key]), false};
      s.out = op.output;
      auto next = model->step(states[s.key], op);
      if (next)
        states[s.key] = *next;
      else
        s.failed = true;
    } else {
      s.busy = false;
      --busy;
      json::value result = s.d.f == "read" || s.d.f == "dequeue" || s.d.f == "get" ? s.out : s.d.input;
      if (s.crash) {
        emit(s, OpType::Info, s.d.input);
        s.process = next_process++;
      } else {
        emit(s, s.failed ? OpType::Fail : OpType::Ok, result);
      }
    }
  }
  if (corrupt) {
    std::vector<std::size_t> completions;
    for (std::size_t i = 0; i < h.size(); ++i)
      if (h[i].type == OpType::Ok || h[i].type == OpType::Fail) completions.push_back(i);
    if (!completions.empty()) {
      Op& op = h[completions[pick(static_cast<int>(completions.size()))]];
      if (op.type == OpType::Fail) {
        op.type = OpType::Ok;  // claims an effect that was refused
      } else if (op.f == "read" || op.f == "dequeue" || op.f == "get") {
        json::value out = random_output(model_name, op.f, rng);
        if (keyed)
          op.value.as_array()[1] = out;
        else
          op.value = out;
      } else {
        op.type = OpType::Fail;  // hides an effect that happened
      }
    }
  }
  return h;
}

// `parts` small random histories side by side on disjoint processes (seeds
// seed, seed + 1, ...; with `corrupt` the last one lies): the total grows
// without raising concurrency past what brute force can enumerate.
History side_by_side(const std::string& model_name, int parts, std::uint64_t seed, bool corrupt,
                     bool unique = false, int crash_one_in = 5) {
  History h;
  for (int part = 0; part < parts; ++part) {
    auto piece = random_history(model_name, seed + part, corrupt && part == parts - 1, unique, crash_one_in);
    for (auto& op : piece) {
      op.process += part * 1000;
      op.index = static_cast<std::int64_t>(h.size());
      h.push_back(std::move(op));
    }
  }
  return h;
}

}  // namespace

TEST_CASE("search agrees with brute force on random small histories") {
  for (std::string model_name :
       {"register", "cas-register", "kv", "set", "fifo-queue", "mutex", "string-kv"}) {
    auto model = lin::make_model(model_name);
    int valid = 0, invalid = 0;
    const int runs = 1500;
    for (int i = 0; i < runs; ++i) {
      auto h = random_history(model_name, 1000 * i + model_name.size(), i % 2 == 1,
                              model_name == "string-kv" && i % 3 == 1);
      bool expected = faultline::testing::brute_force_linearizable(h, *model, keyed_model(model_name));
      lin::LinOptions o;
      o.model = model_name;
      o.threads = 1 + i % 2;
      // Either candidate order alone must agree (decide() uses both).
      o.search_order = i % 4 < 2 ? lin::SearchOrder::ByCall : lin::SearchOrder::ByReturn;
      o.lookahead_always = i % 8 >= 4;
      if (i % 3 == 0) o.reduce_unobserved_from = 0;  // registers: values no op reads (unobserved.hpp)
      auto r = lin::check_history(h, o);
      INFO(model_name << " seed " << i << ": " << json::serialize(r.details));
      REQUIRE(r.verdict == (expected ? Verdict::Valid : Verdict::Invalid));
      (expected ? valid : invalid)++;
      if (!expected) {
        // Every invalid verdict names the op that could not be linearized.
        const auto& bad = r.details.at("invalid").as_array().at(0).as_object();
        REQUIRE(bad.contains("op"));
      }
    }
    INFO(model_name << ": " << valid << " valid, " << invalid << " invalid");
    // Both outcomes must be well represented, or the comparison proves little.
    CHECK(valid > runs / 5);
    CHECK(invalid > runs / 10);
  }
}

// [slow]: brute force over crash-heavy histories is most of this binary's
// time; the sanitizer pass (scripts/sanitize.sh) leaves it to the release pass.
TEST_CASE("crash-heavy histories: crashed ops linearized just in time agree with brute force", "[slow]") {
  // Half the ops crash, more ops than above: a crashed op goes only right
  // before an op that needs it (search.cpp), which these histories exercise
  // with chains of crashed ops (a crashed cas needing a crashed write) and
  // crashed ops no op needs; for string-kv, crashed puts that may reset the
  // string before a get (outgrown, search_lookahead.cpp).
  for (std::string model_name :
       {"register", "cas-register", "kv", "set", "fifo-queue", "mutex", "string-kv"}) {
    auto model = lin::make_model(model_name);
    int valid = 0, invalid = 0;
    const int runs = 800;
    for (int i = 0; i < runs; ++i) {
      const History h = side_by_side(model_name, 1 + i % 2, 7919 * i + 20000, i % 2 == 1, false, 2);
      const bool expected = faultline::testing::brute_force_linearizable(h, *model, keyed_model(model_name));
      lin::LinOptions o;
      o.model = model_name;
      o.threads = 1;
      o.search_order = i % 4 < 2 ? lin::SearchOrder::ByCall : lin::SearchOrder::ByReturn;
      o.lookahead_always = i % 8 >= 4;
      o.refute = i % 3 != 0;
      auto r = lin::check_history(h, o);
      INFO(model_name << " seed " << i << ": " << json::serialize(r.details));
      REQUIRE(r.verdict == (expected ? Verdict::Valid : Verdict::Invalid));
      (expected ? valid : invalid)++;
    }
    INFO(model_name << ": " << valid << " valid, " << invalid << " invalid");
    CHECK(valid > runs / 5);
    // A mutex whose every other op crashed is almost always explainable.
    CHECK(invalid > (model_name == "mutex" ? 5 : runs / 10));
  }
}

TEST_CASE("synthetic register histories: unperturbed ones are linearizable") {
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    lin::SyntheticSpec spec;
    spec.ops = 60;
    spec.crashes = 8;
    spec.seed = seed;
    lin::LinOptions o;
    auto r = lin::check_history(lin::synthesize_register_history(spec), o);
    INFO("seed " << seed << ": " << json::serialize(r.details));
    REQUIRE(r.verdict == Verdict::Valid);
  }
}

TEST_CASE("search agrees with brute force on longer histories, where the memo matters") {
  // 10-14 ops per history: long enough for configurations to repeat, short
  // enough for the exponential reference.
  for (std::string model_name : {"cas-register", "fifo-queue", "set", "string-kv"}) {
    auto model = lin::make_model(model_name);
    int valid = 0, invalid = 0;
    for (int i = 0; i < 300; ++i) {
      // string-kv: unique appended tokens in every third history.
      const History h =
          side_by_side(model_name, 2, 77 * i + 5000, i % 2 == 1, model_name == "string-kv" && i % 3 == 1);
      bool expected = faultline::testing::brute_force_linearizable(h, *model, keyed_model(model_name));
      lin::LinOptions o;
      o.model = model_name;
      o.search_order = i % 4 < 2 ? lin::SearchOrder::ByCall : lin::SearchOrder::ByReturn;
      o.lookahead_always = i % 8 >= 4;
      auto r = lin::check_history(h, o);
      INFO(model_name << " seed " << i << ": " << json::serialize(r.details));
      REQUIRE(r.verdict == (expected ? Verdict::Valid : Verdict::Invalid));
      (expected ? valid : invalid)++;
    }
    INFO(model_name << ": " << valid << " valid, " << invalid << " invalid");
    CHECK(valid > 30);
    CHECK(invalid > 30);
  }
}

TEST_CASE("refuters (unreachable state, windows) are sound: every refutation agrees with brute force") {
  // steps_before_windows = 0 runs the window refuter before any search, so
  // it is the refuters that decide whenever they can.
  for (std::string model_name :
       {"register", "cas-register", "kv", "set", "fifo-queue", "mutex", "string-kv"}) {
    auto model = lin::make_model(model_name);
    int refuted = 0, invalid = 0, shrunk = 0;
    for (int i = 0; i < 1500; ++i) {
      const History h = side_by_side(model_name, 1 + i % 2, 31 * i + 9000, i % 2 == 1);
      const bool expected = faultline::testing::brute_force_linearizable(h, *model, keyed_model(model_name));
      lin::LinOptions o;
      o.model = model_name;
      o.threads = 1;
      o.steps_before_windows = 0;
      o.lookahead_always = i % 2 == 0;
      if (i % 3 == 0) o.reduce_unobserved_from = 0;
      auto r = lin::check_history(h, o);
      INFO(model_name << " seed " << i << ": " << json::serialize(r.details));
      REQUIRE(r.verdict == (expected ? Verdict::Valid : Verdict::Invalid));
      if (!expected) {
        ++invalid;
        const auto& bad = r.details.at("invalid").as_array().at(0).as_object();
        if (bad.contains("refuted_by")) ++refuted;
        if (bad.contains("refuted_by") && bad.at("refuted_by") == "shrunk-read") ++shrunk;
      }
    }
    INFO(model_name << ": " << refuted << " of " << invalid << " invalid histories refuted without search");
    // The refuters must actually be tried, or this proves nothing. Sets and
    // queues reach too many states for S (they give up, soundly); strings
    // too, and there the shrunk-read refuter (shrunk_read.hpp) needs none.
    INFO(shrunk << " by shrunk-read");
    if (model_name != "set" && model_name != "fifo-queue") CHECK(refuted > invalid / 4);
    if (model_name == "string-kv") CHECK(shrunk > invalid / 4);
  }
}

namespace {

// The sanitizer build (scripts/sanitize.sh) runs the search several times
// slower; a time budget sized for a release build would leave it unknown.
#if defined(__SANITIZE_ADDRESS__)
constexpr double kBuildSlowdown = 5;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr double kBuildSlowdown = 5;
#else
constexpr double kBuildSlowdown = 1;
#endif
#else
constexpr double kBuildSlowdown = 1;
#endif

}  // namespace

TEST_CASE("long histories with many crashed ops: both candidate orders, with and without refuters, agree") {
  // Past brute force's reach, but the search's bookkeeping (crashed ops in a
  // bit space of their own, frontiers crossing word boundaries, the dead-end
  // lookahead) is exercised over many words; valid histories must be found
  // valid by every path, and perturbed ones judged alike by all that decide
  // (an invalid history whose bug is not local may take any of them long).
  int invalid = 0;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    lin::SyntheticSpec spec;
    spec.ops = 1500;
    spec.processes = 3 + static_cast<int>(seed % 6);
    spec.crashes = 150 + static_cast<int>(seed % 3) * 60;
    spec.seed = seed;
    spec.corrupt = seed % 2 == 0;
    const auto h = lin::synthesize_register_history(spec);
    std::vector<Verdict> verdicts;
    for (auto order : {lin::SearchOrder::ByCall, lin::SearchOrder::ByReturn})
      for (bool refute : {false, true}) {
        lin::LinOptions o;
        o.threads = 1;
        o.refute = refute;
        o.search_order = order;
        o.time_budget_s = spec.corrupt ? kBuildSlowdown : 60;
        auto r = lin::check_history(h, o);
        INFO("seed " << seed << ": " << json::serialize(r.details));
        if (!spec.corrupt) REQUIRE(r.verdict == Verdict::Valid);
        if (r.verdict != Verdict::Unknown) verdicts.push_back(r.verdict);
      }
    INFO("seed " << seed);
    for (Verdict v : verdicts) REQUIRE(v == verdicts.front());
    invalid += !verdicts.empty() && verdicts.front() == Verdict::Invalid ? 1 : 0;
  }
  CHECK(invalid >= 3);
}

TEST_CASE("unique written values: stale-read refuter and unobserved-value reductions agree with brute force") {
  // Unique values (as Jepsen writes them) make most written values unread
  // and put reads of overwritten values within the stale-read refuter's
  // reach; corrupted reads return 0..2 (written early, or never). Every path
  // must agree with the reference: refuters first or not, reductions on or
  // off, either candidate order.
  for (std::string model_name : {"register", "cas-register", "kv"}) {
    auto model = lin::make_model(model_name);
    int valid = 0, invalid = 0, stale = 0, reduced = 0;
    for (int i = 0; i < 3000; ++i) {
      const History h = side_by_side(model_name, 1 + i % 2, 13 * i + 70000, i % 3 != 0, true);
      const bool expected = faultline::testing::brute_force_linearizable(h, *model, keyed_model(model_name));
      lin::LinOptions o;
      o.model = model_name;
      o.threads = 1;
      o.steps_before_windows = i % 4 < 2 ? 0 : 200'000;
      o.reduce_unobserved_from = i % 8 < 6 ? 0 : SIZE_MAX;
      o.refute = i % 16 < 14;
      o.search_order = i % 2 ? lin::SearchOrder::ByCall : lin::SearchOrder::ByReturn;
      auto r = lin::check_history(h, o);
      INFO(model_name << " seed " << i << ": " << json::serialize(r.details));
      REQUIRE(r.verdict == (expected ? Verdict::Valid : Verdict::Invalid));
      (expected ? valid : invalid)++;
      reduced += r.details.at("crashed_unobserved_dropped").to_number<int>() +
                         r.details.at("unobserved_rewritten").to_number<int>() >
                     0
                     ? 1
                     : 0;
      if (!expected) {
        const auto& bad = r.details.at("invalid").as_array().at(0).as_object();
        REQUIRE(bad.contains("op"));
        if (bad.contains("refuted_by") && bad.at("refuted_by") == "stale-read") {
          ++stale;
          // Its counterexample: the stuck op, and per write of the value it
          // needs (and the initial state), that write and the op that overwrote it.
          REQUIRE(bad.at("ops").as_array().size() <= 2 + 2 * lin::kMaxBringers);
          REQUIRE(bad.contains("why"));
        }
      }
    }
    INFO(model_name << ": " << valid << " valid, " << invalid << " invalid, " << stale << " by stale read, "
                    << reduced << " reduced");
    CHECK(valid > 300);
    CHECK(invalid > 300);
    CHECK(stale > invalid / 10);
    CHECK(reduced > 1000);
  }
}
