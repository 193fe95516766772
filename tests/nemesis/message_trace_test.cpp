// The router's message trace (network.trace): every event of every message,
// with the link and the reason of a drop; the body and the file bounded, the
// cut said; a planted symbolic link refused.
#include <catch2/catch.hpp>

#include <unistd.h>
#include <boost/asio/io_context.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "nemesis/router.hpp"

using namespace faultline;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path =
      fs::temp_directory_path() / ("faultline-trace-test-" + std::to_string(std::random_device{}()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

std::vector<boost::json::object> lines_of(const fs::path& file) {
  std::vector<boost::json::object> out;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) out.push_back(boost::json::parse(line).as_object());
  return out;
}

struct Traced {
  TempDir dir;
  boost::asio::io_context io;
  nemesis::Network network;
  nemesis::Router router{io, network, 7, 1 << 16};
  nemesis::MessageTrace trace;
  int n1, n2, c1;
  bool n2_up = true;
  explicit Traced(nemesis::TraceLimits limits = {})
      : trace(dir.path / "trace.jsonl", std::chrono::steady_clock::now(), limits) {
    n1 = router.add_node("n1", [](const std::string&) { return true; });
    n2 = router.add_node("n2", [this](const std::string&) { return n2_up; });
    c1 = router.add_endpoint("c1", nemesis::EndpointKind::Client, [](const boost::json::object&) {});
    router.set_trace(&trace);
  }
  void from(const std::string& src, const std::string& dst, const std::string& body) {
    router.from_node(router.endpoint(src),
                     R"({"src":")" + src + R"(","dest":")" + dst + R"(","body":)" + body + "}");
  }
  std::vector<boost::json::object> finish() {
    io.run();
    trace.close();
    return lines_of(dir.path / "trace.jsonl");
  }
};

}  // namespace

TEST_CASE("the trace has a send and a delivery per message, with type, ids and body", "[trace]") {
  Traced t;
  t.router.send(t.c1, t.n1, {{"type", "echo"}, {"msg_id", 4}, {"echo", "hi"}});
  t.from("n1", "c1", R"({"type":"echo_ok","in_reply_to":4,"echo":"hi"})");
  const auto lines = t.finish();
  REQUIRE(lines.size() == 4);
  CHECK(lines[0].at("event") == "send");
  CHECK(lines[0].at("src") == "c1");
  CHECK(lines[0].at("dst") == "n1");
  CHECK(lines[0].at("type") == "echo");
  CHECK(lines[0].at("msg_id") == 4);
  CHECK(lines[0].at("body").at("echo") == "hi");
  CHECK(lines[1].at("event") == "deliver");
  CHECK(lines[1].at("id") == lines[0].at("id"));
  CHECK(lines[2].at("event") == "send");
  CHECK(lines[2].at("in_reply_to") == 4);
  CHECK(lines[3].at("event") == "deliver");
  CHECK(lines[3].at("dst") == "c1");
  CHECK(lines[3].at("t").as_int64() >= lines[2].at("t").as_int64());
}

TEST_CASE("drops say why: partition, loss, a dead receiver; duplicates are marked", "[trace]") {
  Traced t;
  nemesis::LinkFaults cut;
  cut.partitioned = true;
  nemesis::LinkFaults lossy;
  lossy.loss = 1.0;
  nemesis::LinkFaults doubled;
  doubled.duplicate = 1.0;
  t.network.set_base(cut, {});
  t.from("n1", "n2", R"({"type":"gossip"})");
  t.network.set_base(lossy, {});
  t.from("n1", "n2", R"({"type":"gossip"})");
  t.network.set_base(doubled, {});
  t.from("n1", "n2", R"({"type":"gossip"})");
  t.network.set_base({}, {});
  t.n2_up = false;
  t.from("n1", "n2", R"({"type":"gossip"})");
  std::map<std::string, int> events;
  std::vector<std::string> why;
  for (const auto& l : t.finish()) {
    ++events[std::string(l.at("event").as_string())];
    if (l.at("event") == "drop") why.emplace_back(l.at("why").as_string());
  }
  CHECK(events["send"] == 4);
  CHECK(events["duplicate"] == 1);
  CHECK(events["deliver"] == 2);  // both copies of the duplicated one
  CHECK(why == std::vector<std::string>{"partition", "loss", "receiver-down"});
}

TEST_CASE("a long body is cut, and the file stops at its cap with a note", "[trace]") {
  Traced t({/*max_bytes=*/4096, /*body_bytes=*/32});
  t.from("n1", "n2", R"({"type":"big","text":")" + std::string(200, 'x') + R"("})");
  for (int i = 0; i < 200; ++i) t.from("n1", "n2", R"({"type":"small"})");
  const auto lines = t.finish();
  REQUIRE(lines.size() > 10);
  CHECK_FALSE(lines[0].contains("body"));
  CHECK(lines[0].at("body_text").as_string().size() == 32);
  CHECK(lines[0].at("body_bytes").to_number<std::uint64_t>() > 200);
  CHECK(fs::file_size(t.dir.path / "trace.jsonl") < 4096 + 300);
  const auto& note = lines.back();
  CHECK(note.at("event") == "cut");
  CHECK(note.at("events").to_number<std::uint64_t>() == 402 - (lines.size() - 1));
  CHECK(t.trace.cut_events() == note.at("events").to_number<std::uint64_t>());
}

TEST_CASE("a symbolic link planted at trace.jsonl is refused, not written through", "[trace]") {
  TempDir dir;
  const fs::path target = dir.path / "elsewhere";
  std::ofstream(target) << "keep\n";
  fs::create_symlink(target, dir.path / "trace.jsonl");
  CHECK_THROWS_WITH(nemesis::MessageTrace(dir.path / "trace.jsonl", std::chrono::steady_clock::now()),
                    Catch::Contains("symbolic link"));
  std::ifstream in(target);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text == "keep\n");
}
