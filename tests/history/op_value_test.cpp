#include "history/op_value.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <limits>
#include <random>

#include "history/edn.hpp"
#include "history/jsonl.hpp"
#include "history/txt.hpp"
#include "test_ops.hpp"

using namespace faultline::history;
using faultline::history::test::make_op;
using faultline::history::test::TempFile;
namespace json = boost::json;

namespace {

// What a broadcast read looks like: the whole set, mostly in the order added.
json::array grown_set(std::size_t n, std::uint32_t seed) {
  json::array a;
  std::mt19937 rng(seed);
  for (std::size_t i = 0; i < n; ++i) a.emplace_back(static_cast<std::int64_t>(i));
  for (std::size_t i = 0; i + 1 < n; i += 7)
    if (rng() % 2) std::swap(a[i], a[i + 1]);
  return a;
}

}  // namespace

TEST_CASE("packed ints: every int64 list round-trips in order") {
  constexpr auto lo = std::numeric_limits<std::int64_t>::min();
  constexpr auto hi = std::numeric_limits<std::int64_t>::max();
  std::mt19937_64 rng(9);
  json::array random;
  for (int i = 0; i < 1000; ++i) random.emplace_back(static_cast<std::int64_t>(rng()));
  for (const json::array& a : {json::array{}, json::array{0}, json::array{5, 4, 3, -2, 0, 0, 0},
                               json::array{lo, hi, lo, 0, hi, -1, 1}, grown_set(5000, 1), random}) {
    auto packed = PackedInts::pack(a);
    REQUIRE(packed);
    CHECK(packed->size() == a.size());
    CHECK(packed->unpack() == a);
  }
}

TEST_CASE("packed ints: a list with anything but int64s is not packed") {
  CHECK_FALSE(PackedInts::pack(json::array{1, 2, 3.5}));
  CHECK_FALSE(PackedInts::pack(json::array{1, "2"}));
  CHECK_FALSE(PackedInts::pack(json::array{1, json::array{2}}));
  CHECK_FALSE(PackedInts::pack(json::array{json::value(std::numeric_limits<std::uint64_t>::max())}));
}

TEST_CASE("a big read is held in under 2 bytes per element and reads back the same everywhere") {
  const json::array set = grown_set(50000, 2);
  Op plain = make_op(7, 3, OpType::Ok, "read", set);
  plain.node = "n4";
  plain.final = true;
  Op op = plain;
  REQUIRE(pack_value(op));
  CHECK(op.value.is_null());
  REQUIRE(op.packed_value);
  // A JSON array costs 16 bytes per element; 50,000 elements here need 50-100 KB.
  CHECK(op.packed_value->bytes() < 2 * set.size());

  CHECK(value_is_array(op));
  CHECK(value_size(op) == set.size());
  json::value scratch;
  CHECK(value_of(op, scratch) == json::value(set));
  json::array seen;
  for (const json::value& v : elements_of(op)) seen.push_back(v);
  CHECK(seen == set);

  // The files are written from the packed op exactly as from the plain one.
  CHECK(to_jsonl_line(op) == to_jsonl_line(plain));
  CHECK(to_edn(op) == to_edn(plain));
  CHECK(to_txt_line(op) == to_txt_line(plain));
}

TEST_CASE("only long int lists of completions are packed") {
  Op invoke = make_op(0, 1, OpType::Invoke, "read", grown_set(100, 3));
  CHECK_FALSE(pack_value(invoke));
  Op short_read = make_op(1, 1, OpType::Ok, "read", grown_set(kPackMinElements - 1, 3));
  CHECK_FALSE(pack_value(short_read));
  Op strings = make_op(2, 1, OpType::Ok, "read", json::array(100, json::value("x")));
  CHECK_FALSE(pack_value(strings));
  Op object = make_op(3, 1, OpType::Ok, "read", json::object{{"k", 1}});
  CHECK_FALSE(pack_value(object));
  for (const Op* op : {&invoke, &short_read, &strings, &object}) {
    CHECK_FALSE(op->packed_value);
    CHECK_FALSE(op->value.is_null());
  }
  json::array seen;
  for (const json::value& v : elements_of(short_read)) seen.push_back(v);
  CHECK(seen == short_read.value);
}

TEST_CASE("reading history.jsonl packs big reads as it goes and writes them back unchanged") {
  TempFile file("op_value_test.jsonl");
  History h;
  h.push_back(make_op(0, 1, OpType::Invoke, "read"));
  h.push_back(make_op(1, 1, OpType::Ok, "read", grown_set(1000, 4)));
  {
    std::ofstream out(file.str());
    for (const Op& op : h) out << to_jsonl_line(op) << "\n";
  }
  History back = read_jsonl(file.str());
  REQUIRE(back.size() == 2);
  CHECK(back[1].packed_value);
  CHECK(to_jsonl_line(back[1]) == to_jsonl_line(h[1]));
}
