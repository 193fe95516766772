#pragma once
// Where a run keeps its files: STORE/<name>/<timestamp>/, with `latest` links
// at STORE/<name>/latest and STORE/latest.
#include <filesystem>
#include <stdexcept>
#include <string>

namespace faultline::harness {

struct RunDir {
  std::filesystem::path path;
  std::string timestamp;  // UTC, e.g. 20261124T120102.123
};

// A run directory that cannot be used: an explicit one that already holds
// files (a previous run's data/ and logs would leak into this run).
class RunDirError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Creates the directory (and node-logs/, data/). `explicit_dir` wins over the
// store layout when non-empty; it must not exist yet or be empty (RunDirError).
RunDir create_run_dir(const std::filesystem::path& store, const std::string& name,
                      const std::filesystem::path& explicit_dir);
// Points the `latest` links at `run`; best effort (a read-only store is no reason to fail a run).
void update_latest_links(const std::filesystem::path& store, const std::string& name, const RunDir& run);
// Creates and returns parent/stamp, or parent/stamp-N when another run or
// suite (another process, the same millisecond) already claimed that name.
std::filesystem::path claim_new_dir(const std::filesystem::path& parent, const std::string& stamp);
// Points `link` at `target` atomically: readers never find it missing. Best effort.
void point_link(const std::filesystem::path& link, const std::filesystem::path& target);
std::string iso8601_now();
// The current UTC time through strftime's `format`, optionally with ".mmm".
std::string utc_timestamp(const char* format, bool millis);

}  // namespace faultline::harness
