#include "checkers/registry.hpp"

#include <catch2/catch.hpp>
#include <set>

using namespace faultline::checkers;
namespace json = boost::json;

TEST_CASE("registry lists the delivery and basic checkers") {
  std::set<std::string> names;
  for (const auto& e : checker_table()) {
    names.insert(e.name);
    CHECK_FALSE(e.summary.empty());
  }
  for (const char* n : {"stats", "unique-ids", "echo", "set-full", "counter", "queue", "list-append",
                        "rw-register", "kafka", "bank"}) {
    INFO(n);
    CHECK(names.count(n) == 1);
    CHECK(make_checker(n)->name() == n);
  }
}

TEST_CASE("registry rejects unknown checkers and options clearly") {
  CHECK_THROWS_WITH(make_checker("sett-full"), Catch::Contains("known: stats, unique-ids"));
  CHECK_THROWS_WITH(make_checker("stats", json::parse(R"({"x":1})").as_object()),
                    Catch::Contains("checker 'stats': unknown option 'x' (allowed: none)"));
  CHECK(make_checker("queue", json::parse(R"({"guarantee":"at-least-once","fifo":true})").as_object())
            ->name() == "queue");
}
