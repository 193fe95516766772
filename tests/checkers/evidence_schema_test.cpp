// The evidence schema between checkers and the report: declared fields
// round-trip through JSON, and a result without them gets the built-in ones.
#include "checkers/evidence_schema.hpp"

#include <catch2/catch.hpp>

using namespace faultline::checkers;
namespace json = boost::json;

TEST_CASE("evidence schema: declared fields round-trip through the details") {
  json::object details{{"lost", json::array{1, 2}}};
  declare_evidence(details, {lost_field({"put"}, {"scan"}), errors_field("errors", "Bad reads", "why")});
  const auto schema = evidence_schema(details);
  REQUIRE(schema.size() == 2);
  CHECK(schema[0].key == "lost");
  CHECK(schema[0].kind == EvidenceKind::Elements);
  CHECK(schema[0].title == "Lost");
  CHECK(schema[0].is_add("put"));
  CHECK(schema[0].is_read("scan"));
  CHECK_FALSE(schema[0].is_read("read"));  // no guessing by name
  CHECK(schema[0].shows(ElementOps::FinalReadsWithout));
  CHECK_FALSE(schema[0].shows(ElementOps::ReadsWith));
  CHECK(schema[1].kind == EvidenceKind::Errors);
  CHECK(schema[1].title == "Bad reads");
}

TEST_CASE("evidence schema: an old result gets the standard fields it holds; junk is ignored") {
  const auto old =
      evidence_schema(json::object{{"lost", json::array{}}, {"errors", json::array{}}, {"x", 1}});
  REQUIRE(old.size() == 2);
  CHECK(old[0].key == "lost");
  CHECK(old[1].key == "errors");
  const auto junk = evidence_schema(
      json::object{{"evidence", json::array{1, json::object{{"key", "a"}, {"kind", "nonsense"}},
                                            json::object{{"kind", "errors"}}}}});
  CHECK(junk.empty());
}
