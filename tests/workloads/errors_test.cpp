#include <catch2/catch.hpp>

#include "workloads/errors.hpp"

using namespace faultline;

TEST_CASE("definite error codes fail an op; the rest leave it indeterminate", "[errors]") {
  for (int code : {1, 10, 11, 12, 14, 20, 21, 22, 30}) {
    INFO(code);
    CHECK(workloads::outcome_for_error(code) == history::OpType::Fail);
  }
  for (int code : {0, 13, 2, 99, 1000, -1}) {
    INFO(code);
    CHECK(workloads::outcome_for_error(code) == history::OpType::Info);
  }
}

TEST_CASE("the history's error field carries the code and its name", "[errors]") {
  const auto v = workloads::error_value(20, "no such key");
  CHECK(v.as_array().at(0) == 20);
  CHECK(v.as_array().at(1) == "key-does-not-exist: no such key");
  CHECK(workloads::error_value(1234, "").as_array().at(1) == "unknown");
}
