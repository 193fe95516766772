#include "harness/store/run_store.hpp"

#include <unistd.h>

#include <chrono>
#include <ctime>
#include <stdexcept>
#include <system_error>

namespace faultline::harness {

namespace fs = std::filesystem;

std::string utc_timestamp(const char* format, bool millis) {
  const auto now = std::chrono::system_clock::now();
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, format, &tm);
  std::string s(buf);
  if (millis) {
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    char frac[8];
    std::snprintf(frac, sizeof frac, ".%03d", static_cast<int>(ms));
    s += frac;
  }
  return s;
}

// Atomic: a new link under a temporary name renamed over the old one, so a
// reader (or a parallel suite job) never finds `latest` missing or half made.
void point_link(const fs::path& link, const fs::path& target) {
  std::error_code ec;
  const fs::path tmp = link.string() + ".tmp-" + std::to_string(::getpid());
  fs::remove(tmp, ec);
  fs::create_directory_symlink(target, tmp, ec);
  if (ec) return;
  fs::rename(tmp, link, ec);
  if (ec) fs::remove(tmp, ec);
}

// mkdir is the claim: it fails for the loser of a race, where checking that
// the path exists first would let both processes take the same name.
fs::path claim_new_dir(const fs::path& parent, const std::string& stamp) {
  std::error_code ec;
  fs::create_directories(parent, ec);
  fs::path dir = parent / stamp;
  for (int n = 1; !fs::create_directory(dir, ec); ++n) {
    if (ec) throw std::runtime_error("cannot create directory " + dir.string() + ": " + ec.message());
    dir = parent / (stamp + "-" + std::to_string(n));
  }
  return dir;
}

std::string iso8601_now() { return utc_timestamp("%Y-%m-%dT%H:%M:%SZ", false); }

RunDir create_run_dir(const fs::path& store, const std::string& name, const fs::path& explicit_dir) {
  RunDir run;
  run.timestamp = utc_timestamp("%Y%m%dT%H%M%S", true);
  // Two runs in the same millisecond (parallel suites) must not share a dir.
  run.path = explicit_dir.empty() ? claim_new_dir(store / name, run.timestamp) : explicit_dir;
  std::error_code ec;
  if (!explicit_dir.empty() && fs::exists(run.path, ec) && !fs::is_empty(run.path, ec)) {
    throw RunDirError(
        "run directory " + run.path.string() +
        " is not empty: a previous run's data/ and logs would leak into this one. "
        "Name a new or empty directory, or leave out --run-dir to get a fresh one in the store.");
  }
  fs::create_directories(run.path / "node-logs", ec);
  if (ec) throw std::runtime_error("cannot create run directory " + run.path.string() + ": " + ec.message());
  fs::create_directories(run.path / "data", ec);
  return run;
}

void update_latest_links(const fs::path& store, const std::string& name, const RunDir& run) {
  std::error_code ec;
  const fs::path abs = fs::absolute(run.path, ec);
  // Relative links only for a run that really lives in STORE/<name>/ (a
  // suite's run dir may also sit in a folder called <name>, elsewhere).
  const fs::path parent = fs::weakly_canonical(run.path, ec).parent_path();
  const fs::path home = fs::weakly_canonical(store / name, ec);
  if (!ec && parent == home) {
    point_link(store / name / "latest", run.path.filename());
    point_link(store / "latest", fs::path(name) / run.path.filename());
  } else if (!ec) {
    fs::create_directories(store / name, ec);
    point_link(store / name / "latest", abs);
    point_link(store / "latest", abs);
  }
}

}  // namespace faultline::harness
