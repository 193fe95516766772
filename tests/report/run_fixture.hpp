#pragma once
// Hand-written run directories for report tests: a results.json and a
// history.jsonl as `faultline run` writes them, in a fresh temp dir.
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace faultline::test {

class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("faultline-report-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Builds history.jsonl line by line with increasing indices.
class HistoryBuilder {
 public:
  HistoryBuilder& op(const std::string& process, const std::string& type, const std::string& f,
                     const std::string& value_json, std::int64_t time_ms, const std::string& extra = "") {
    out_ << "{\"index\":" << index_++ << ",\"time\":" << time_ms * 1'000'000 << ",\"process\":" << process
         << ",\"type\":\"" << type << "\",\"f\":\"" << f << "\",\"value\":" << value_json << extra << "}\n";
    return *this;
  }
  std::string text() const { return out_.str(); }

 private:
  std::ostringstream out_;
  std::int64_t index_ = 0;
};

inline void write_file(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace faultline::test
