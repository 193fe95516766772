// Reading a history in any of its formats, by content: Faultline JSONL,
// Jepsen EDN, a JSON array (Jepsen, elle-cli) on one line; and never an
// empty or unrecognised file passed off as a history with no ops.
#include "history/history_file.hpp"

#include <catch2/catch.hpp>
#include <fstream>

#include "test_ops.hpp"

using namespace faultline::history;
using faultline::history::test::TempFile;

namespace history_file_test {

std::string write(const TempFile& f, const std::string& text) {
  std::ofstream(f.path) << text;
  return f.str();
}

std::string error_of(const std::string& path) {
  try {
    read_history_file(path);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "no error";
}

TEST_CASE("history file: a one-line JSON array of Jepsen ops, keywords with or without colons") {
  TempFile f("jepsen.json");
  const auto h = read_history_file(
      write(f, R"([{"type":"invoke","f":"txn","value":[["append",1,2]],"process":0,"time":5},)"
               R"({":type":":ok",":f":":txn",":value":[["append",1,2]],":process":0,":time":9},)"
               R"({"type":"info","f":"start","value":null,"process":"nemesis","index":7}])"));
  REQUIRE(h.size() == 3);
  CHECK(h[0].index == 0);
  CHECK(h[1].type == OpType::Ok);
  CHECK(h[1].f == "txn");
  CHECK(h[1].time == 9);
  CHECK(h[2].process == kNemesisProcess);
  CHECK(h[2].index == 7);
}

TEST_CASE("history file: JSONL and EDN are told apart by content and name") {
  TempFile jsonl("h.jsonl"), edn("h.edn");
  CHECK(read_history_file(write(jsonl, R"({"process":0,"type":"invoke","f":"read","value":null})"
                                       "\n"))
            .size() == 1);
  CHECK(read_history_file(write(edn, "{:process 0, :type :invoke, :f :read, :value nil}\n")).size() == 1);
}

TEST_CASE("history file: empty, op-less and unrecognised files are errors naming the file") {
  TempFile empty("empty.json"), none("none.json"), text("notes.txt");
  CHECK_THAT(error_of(write(empty, "  \n")), Catch::Contains("empty.json: the file is empty; expected"));
  CHECK_THAT(error_of(write(none, "[]")), Catch::Contains("none.json: no operations"));
  CHECK_THAT(error_of(write(text, "hello")), Catch::Contains("starts with 'h'; expected Faultline JSONL"));
  CHECK_THAT(error_of(write(none, R"([{"type":"ok"}])")), Catch::Contains("element 0"));
  CHECK_THAT(error_of("/nonexistent/h.json"), Catch::Contains("cannot open /nonexistent/h.json"));
}

}  // namespace history_file_test
