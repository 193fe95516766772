#pragma once
// Small builders shared by the history tests.
#include <boost/json.hpp>
#include <filesystem>
#include <string>

#include "history/op.hpp"

namespace faultline::history::test {

inline Op make_op(std::int64_t index, std::int64_t process, OpType type, std::string f,
                  boost::json::value value = nullptr, std::int64_t time = -1) {
  Op op;
  op.index = index;
  op.time = time < 0 ? index * 1000 : time;
  op.process = process;
  op.type = type;
  op.f = std::move(f);
  op.value = std::move(value);
  return op;
}

// A fresh path under the build tree, removed when the test ends.
struct TempFile {
  std::filesystem::path path;
  explicit TempFile(const std::string& name)
      : path(std::filesystem::path(FAULTLINE_BINARY_DIR) / "test-tmp" / name) {
    std::filesystem::create_directories(path.parent_path());
    std::filesystem::remove(path);
  }
  ~TempFile() { std::filesystem::remove(path); }
  std::string str() const { return path.string(); }
};

inline void require_same_op(const Op& a, const Op& b);

}  // namespace faultline::history::test

#include <catch2/catch.hpp>

inline void faultline::history::test::require_same_op(const Op& a, const Op& b) {
  INFO("op index " << a.index);
  CHECK(a.index == b.index);
  CHECK(a.time == b.time);
  CHECK(a.process == b.process);
  CHECK(a.type == b.type);
  CHECK(a.f == b.f);
  CHECK(boost::json::serialize(a.value) == boost::json::serialize(b.value));
  CHECK(a.node == b.node);
  CHECK(boost::json::serialize(a.error) == boost::json::serialize(b.error));
  CHECK(a.final == b.final);
}
