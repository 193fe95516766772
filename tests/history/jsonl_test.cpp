#include "history/jsonl.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "test_ops.hpp"

using namespace faultline::history;
using faultline::history::test::make_op;
using faultline::history::test::require_same_op;
using faultline::history::test::TempFile;
namespace json = boost::json;

namespace {

History sample_history() {
  History h;
  h.push_back(make_op(0, 3, OpType::Invoke, "cas", json::parse(R"([1, 4])")));
  Op ok = make_op(1, 3, OpType::Ok, "read", json::parse(R"({"k":[1,{"x":null}],"s":"a\"b\n"})"));
  ok.node = "n2";
  h.push_back(ok);
  Op nem =
      make_op(2, kNemesisProcess, OpType::Info, "start-partition", json::parse(R"([["n1"],["n2","n3"]])"));
  h.push_back(nem);
  Op fail = make_op(3, 4, OpType::Fail, "write", 7);
  fail.error = json::parse(R"([22, "precondition failed"])");
  h.push_back(fail);
  Op fin = make_op(4, 5, OpType::Ok, "read", json::parse("[1,2,3]"));
  fin.final = true;
  fin.error = "indeterminate: timeout";
  h.push_back(fin);
  h.push_back(make_op(5, 6, OpType::Info, "add", 2.5));
  return h;
}

}  // namespace

TEST_CASE("jsonl line has the agreed shape and omits empty fields") {
  Op op = make_op(0, 3, OpType::Invoke, "read");
  CHECK(to_jsonl_line(op) == R"({"index":0,"time":0,"process":3,"type":"invoke","f":"read","value":null})");
  Op nem = make_op(7, kNemesisProcess, OpType::Info, "kill", json::parse(R"(["n1"])"), 99);
  nem.node = "n1";
  nem.error = "boom";
  nem.final = true;
  CHECK(to_jsonl_line(nem) ==
        R"({"index":7,"time":99,"process":"nemesis","type":"info","f":"kill","value":["n1"],)"
        R"("node":"n1","error":"boom","final":true})");
}

TEST_CASE("jsonl round trips through a file written with JsonlWriter") {
  TempFile file("jsonl_round_trip.jsonl");
  History h = sample_history();
  {
    JsonlWriter writer(file.str());
    for (const Op& op : h) writer.append(op);
    writer.close();
    CHECK_FALSE(writer.is_open());
    CHECK_THROWS_AS(writer.append(h[0]), std::runtime_error);
  }
  ReadNotes notes;
  History back = read_jsonl(file.str(), &notes);
  CHECK_FALSE(notes.truncated_tail);
  REQUIRE(back.size() == h.size());
  for (std::size_t i = 0; i < h.size(); ++i) require_same_op(back[i], h[i]);
}

TEST_CASE("JsonlWriter appends to an existing history instead of truncating it") {
  TempFile file("jsonl_append.jsonl");
  History h = sample_history();
  { JsonlWriter(file.str()).append(h[0]); }
  { JsonlWriter(file.str()).append(h[1]); }
  History back = read_jsonl(file.str());
  REQUIRE(back.size() == 2);
  CHECK(back[1].f == "read");
}

TEST_CASE("jsonl reader forgives a torn last line but reports it") {
  std::string good = to_jsonl_line(make_op(0, 1, OpType::Invoke, "read")) + "\n" +
                     to_jsonl_line(make_op(1, 1, OpType::Ok, "read", 3)) + "\n";
  std::string torn = to_jsonl_line(make_op(2, 1, OpType::Invoke, "write", 4));
  torn.resize(torn.size() / 2);
  std::istringstream in(good + torn);
  ReadNotes notes;
  History h = read_jsonl_stream(in, "h.jsonl", &notes);
  CHECK(h.size() == 2);
  CHECK(notes.truncated_tail);
  CHECK(notes.truncated_line == 3);
}

TEST_CASE("jsonl reader rejects a torn line that is not the last one") {
  std::string torn = to_jsonl_line(make_op(0, 1, OpType::Invoke, "read"));
  torn.resize(10);
  std::istringstream in(torn + "\n" + to_jsonl_line(make_op(1, 1, OpType::Ok, "read")) + "\n");
  try {
    read_jsonl_stream(in, "h.jsonl");
    FAIL("expected an error");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()).find("h.jsonl:1:") == 0);
  }
}

TEST_CASE("jsonl reader names the file and line of a bad line") {
  std::string lines = to_jsonl_line(make_op(0, 1, OpType::Invoke, "read")) + "\n\n" +
                      R"({"index":1,"process":1,"type":"okay","f":"read","value":null})" + "\n" +
                      to_jsonl_line(make_op(2, 1, OpType::Ok, "read")) + "\n";
  std::istringstream in(lines);
  try {
    read_jsonl_stream(in, "run/history.jsonl");
    FAIL("expected an error");
  } catch (const std::runtime_error& e) {
    std::string what = e.what();
    CHECK(what.find("run/history.jsonl:3:") == 0);
    CHECK(what.find("type") != std::string::npos);
    CHECK(what.find("okay") != std::string::npos);
  }
}

TEST_CASE("jsonl reader rejects syntax errors even on the last line") {
  std::istringstream in(to_jsonl_line(make_op(0, 1, OpType::Invoke, "read")) + "\n{\"index\": 1,]\n");
  CHECK_THROWS_WITH(read_jsonl_stream(in, "h"), Catch::StartsWith("h:2: not JSON"));
  std::istringstream arr("[1,2]\n");
  CHECK_THROWS_WITH(read_jsonl_stream(arr, "h"), Catch::Contains("h:1: expected a JSON object"));
}

TEST_CASE("op_from_json names the bad field") {
  auto bad = [](const char* text) {
    try {
      op_from_json(json::parse(text).as_object());
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(bad(R"({"type":"ok","f":"read"})"), Catch::Contains("'process'"));
  CHECK_THAT(bad(R"({"process":"client","type":"ok","f":"read"})"), Catch::Contains("'process'"));
  CHECK_THAT(bad(R"({"process":1,"type":"ok","f":3})"), Catch::Contains("'f'"));
  CHECK_THAT(bad(R"({"process":1,"type":"ok","f":"r","time":1.5})"), Catch::Contains("'time'"));
  CHECK_THAT(bad(R"({"process":1,"type":"ok","f":"r","final":"yes"})"), Catch::Contains("'final'"));
  CHECK_THAT(bad(R"({"process":1,"f":"r"})"), Catch::Contains("'type'"));
  Op op = op_from_json(json::parse(R"({"process":"nemesis","type":"info","f":"heal"})").as_object());
  CHECK(op.process == kNemesisProcess);
  CHECK(op.value.is_null());
  CHECK(op.index == 0);
}

TEST_CASE("jsonl reader uses the position for a missing index") {
  std::istringstream in(R"({"process":1,"type":"invoke","f":"read"})"
                        "\n"
                        R"({"process":1,"type":"ok","f":"read","value":5})"
                        "\n");
  History h = read_jsonl_stream(in, "h");
  REQUIRE(h.size() == 2);
  CHECK(h[1].index == 1);
  CHECK(h[1].value == json::value(5));
}

TEST_CASE("read_jsonl names a missing file") {
  CHECK_THROWS_WITH(read_jsonl("/nonexistent/dir/h.jsonl"), Catch::Contains("/nonexistent/dir/h.jsonl"));
  CHECK_THROWS_AS(JsonlWriter("/nonexistent/dir/h.jsonl"), std::runtime_error);
}
