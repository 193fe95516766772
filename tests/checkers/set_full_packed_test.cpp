#include <catch2/catch.hpp>
#include <random>

#include "checkers/set_full.hpp"
#include "history/op_value.hpp"
#include "history_builder.hpp"

using namespace faultline::checkers;
using faultline::checkers::test::HistoryBuilder;
namespace json = boost::json;

namespace {

// Broadcast-shaped: adds of 0..N-1, reads of everything added so far (long
// enough to be packed) that drop, repeat and invent a few elements, and final
// reads that miss some, so lost, stale, duplicated and unexpected all appear.
faultline::history::History big_reads_history() {
  HistoryBuilder h;
  std::mt19937 rng(5);
  std::int64_t added = 0;
  for (int round = 0; round < 60; ++round) {
    for (int k = 0; k < 5; ++k, ++added) h.call(k % 3, "broadcast", added, nullptr);
    json::array read;
    for (std::int64_t e = 0; e < added; ++e) {
      if (rng() % 50 == 0) continue;  // not there (yet)
      read.push_back(e);
      if (rng() % 200 == 0) read.push_back(e);  // twice
    }
    if (rng() % 10 == 0) read.push_back(100000);  // never added
    h.call(3 + round % 2, "read", nullptr, read);
  }
  for (int p = 0; p < 4; ++p) {
    json::array read;
    for (std::int64_t e = 0; e < added; ++e)
      if (e % 97 != p) read.push_back(e);
    h.invoke(p, "read", nullptr, true);
    h.ok(p, "read", read, true);
    h.ops.back().node = "n" + std::to_string(p + 1);
  }
  return h.ops;
}

}  // namespace

TEST_CASE("set-full: a history with its reads packed gets the same verdict and evidence") {
  const auto plain = big_reads_history();
  auto packed = plain;
  std::size_t packed_reads = 0;
  for (auto& op : packed) packed_reads += faultline::history::pack_value(op);
  REQUIRE(packed_reads > 50);

  SetFullOptions options;
  options.add_f = "broadcast";
  const auto a = SetFullChecker(options).check(plain);
  const auto b = SetFullChecker(options).check(packed);
  CHECK(a.verdict == Verdict::Invalid);
  CHECK(a.details.at("lost-count").to_number<std::int64_t>() > 0);
  CHECK(a.details.at("unexpected-count").to_number<std::int64_t>() > 0);
  CHECK(b.verdict == a.verdict);
  CHECK(json::serialize(b.details) == json::serialize(a.details));
}
