// The store hands each run a directory of its own, and its `latest` links
// always lead to the run they name.
#include <unistd.h>
#include <catch2/catch.hpp>
#include <filesystem>
#include <latch>
#include <set>
#include <thread>
#include <vector>

#include "harness/store/run_store.hpp"

namespace fs = std::filesystem;

TEST_CASE("a suite run in a folder named like the scenario still gets working latest links") {
  const fs::path tmp = fs::temp_directory_path() / ("faultline-store-" + std::to_string(::getpid()));
  const fs::path store = tmp / "store";
  // As a suite lays it out: STORE/suites/<stamp>/runs/<stem>/seed-N, stem == name.
  faultline::harness::RunDir run;
  run.path = store / "suites" / "20261201T000000" / "runs" / "lin-kv" / "seed-1";
  fs::create_directories(run.path);
  faultline::harness::update_latest_links(store, "lin-kv", run);
  CHECK(fs::exists(store / "lin-kv" / "latest"));
  CHECK(fs::exists(store / "latest"));
  CHECK(fs::equivalent(store / "lin-kv" / "latest", run.path));

  // A plain run in STORE/<name>/ keeps relative links (a moved store still works).
  faultline::harness::RunDir plain;
  plain.path = store / "lin-kv" / "20261201T000001.000";
  fs::create_directories(plain.path);
  faultline::harness::update_latest_links(store, "lin-kv", plain);
  CHECK(fs::read_symlink(store / "lin-kv" / "latest") == "20261201T000001.000");
  CHECK(fs::equivalent(store / "latest", plain.path));
  CHECK_FALSE(fs::exists(store / "lin-kv" / ("latest.tmp-" + std::to_string(::getpid()))));
  fs::remove_all(tmp);
}

TEST_CASE("runs that start in the same millisecond each get a directory of their own") {
  const fs::path tmp = fs::temp_directory_path() / ("faultline-claim-" + std::to_string(::getpid()));
  fs::remove_all(tmp);
  // Threads released together all ask for one stamp, as parallel runs do.
  constexpr int kRuns = 16;
  std::latch go(kRuns);
  std::vector<fs::path> dirs(kRuns);
  std::vector<std::thread> threads;
  for (int i = 0; i < kRuns; ++i)
    threads.emplace_back([&, i] {
      go.arrive_and_wait();
      dirs[i] = faultline::harness::claim_new_dir(tmp / "name", "20261201T000000.000");
    });
  for (auto& t : threads) t.join();
  std::set<fs::path> distinct(dirs.begin(), dirs.end());
  CHECK(distinct.size() == kRuns);
  CHECK(distinct.count(tmp / "name" / "20261201T000000.000") == 1);
  for (const auto& d : dirs) CHECK(fs::is_directory(d));
  fs::remove_all(tmp);
}
