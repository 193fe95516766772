#include "history/txt.hpp"

#include <catch2/catch.hpp>
#include <fstream>

#include "test_ops.hpp"

using namespace faultline::history;
using faultline::history::test::make_op;
using faultline::history::test::TempFile;
namespace json = boost::json;

TEST_CASE("txt lines are Jepsen-style tab-separated columns") {
  CHECK(to_txt_line(make_op(0, 3, OpType::Invoke, "cas", json::parse("[1,4]"))) ==
        "3\t:invoke\t:cas\t[1 4]\t");
  Op fail = make_op(1, 3, OpType::Fail, "cas", json::parse("[1,4]"));
  fail.error = json::parse(R"([22,"mismatch"])");
  CHECK(to_txt_line(fail) == "3\t:fail\t:cas\t[1 4]\t[22 \"mismatch\"]");
  CHECK(to_txt_line(make_op(2, kNemesisProcess, OpType::Info, "start", nullptr)) ==
        ":nemesis\t:info\t:start\tnil\t");
  // A tab inside f or value must not add a column.
  std::string line = to_txt_line(make_op(3, 1, OpType::Ok, "a\tb", "x\ty"));
  CHECK(std::count(line.begin(), line.end(), '\t') == 4);
}

TEST_CASE("write_txt writes one line per op") {
  TempFile file("h.txt");
  History h = {make_op(0, 1, OpType::Invoke, "read"), make_op(1, 1, OpType::Ok, "read", 5)};
  write_txt(h, file.str());
  std::ifstream in(file.path);
  std::string a, b, c;
  std::getline(in, a);
  std::getline(in, b);
  CHECK(a == "1\t:invoke\t:read\tnil\t");
  CHECK(b == "1\t:ok\t:read\t5\t");
  CHECK_FALSE(std::getline(in, c));
  CHECK_THROWS_AS(write_txt(h, "/nonexistent/dir/h.txt"), std::runtime_error);
}
