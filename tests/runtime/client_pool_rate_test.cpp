// The client pool keeps the requested rate when its event loop is busy: op
// times are an absolute schedule, so a timer that fires late starts every op
// whose time has passed (up to one per idle worker) instead of one.
#include <boost/asio/post.hpp>
#include <catch2/catch.hpp>
#include <filesystem>
#include <thread>

#include "harness/runtime/client_pool.hpp"
#include "workloads/registry.hpp"

using namespace faultline;
namespace fs = std::filesystem;

namespace {

// Answers every echo at once, on the loop.
class InstantEcho : public harness::ClientChannel {
 public:
  explicit InstantEcho(boost::asio::io_context& io) : io_(io) {}
  void call(const std::string&, boost::json::object body, std::chrono::nanoseconds, Callback cb) override {
    boost::asio::post(io_, [this, body = std::move(body), cb = std::move(cb)] {
      reply_ = {{"type", "echo_ok"}, {"echo", body.at("echo")}};
      harness::ClientAnswer answer;
      answer.kind = harness::ClientAnswer::Kind::Reply;
      answer.body = &reply_;
      cb(answer);
    });
  }
  void cancel() override {}

 private:
  boost::asio::io_context& io_;
  boost::json::object reply_;
};

// Keeps the loop busy 4 ms of every 5, like a loop serving many nodes.
void hog(boost::asio::io_context& io, boost::asio::steady_timer& timer) {
  std::this_thread::sleep_for(std::chrono::milliseconds(4));
  timer.expires_after(std::chrono::milliseconds(1));
  timer.async_wait([&io, &timer](const boost::system::error_code& ec) {
    if (!ec) hog(io, timer);
  });
}

}  // namespace

TEST_CASE("a busy event loop still starts ops at the requested rate") {
  boost::asio::io_context io;
  const fs::path jsonl =
      fs::temp_directory_path() / ("fl-pool-rate-" + std::to_string(::getpid()) + ".jsonl");
  harness::Recorder recorder(jsonl.string());
  workloads::WorkloadContext ctx;
  ctx.nodes = {"n1", "n2"};
  ctx.concurrency = 100;
  auto workload = workloads::find_workload("echo")->make(ctx);
  harness::ClientConfig config;
  config.concurrency = 100;
  config.rate = 5000;
  config.nodes = ctx.nodes;
  harness::ClientPool pool(
      io, [&io](const std::string&) { return std::make_unique<InstantEcho>(io); }, recorder, *workload,
      config, 7);
  pool.open([] {});
  pool.start_main();
  boost::asio::steady_timer hog_timer(io);
  boost::asio::post(io, [&] { hog(io, hog_timer); });
  io.run_for(std::chrono::milliseconds(1000));
  // 5,000 ops/s for 1 s; one op per late timer gave about 600. Half the rate
  // leaves room for a loaded machine.
  CHECK(pool.counts().invoke > 2500);
  CHECK(pool.counts().invoke < 6500);
  pool.cancel();
  fs::remove(jsonl);
}
