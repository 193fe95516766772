#pragma once
// Test helper: one shipped node binary as a child process, spoken to over
// pipes exactly as a harness would (JSON lines in, JSON lines out).
#include <boost/json.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace nodes_test {

namespace json = boost::json;

// build*/nodes/<name> (an absolute path is taken as it is); the binaries
// are built by their own targets.
std::string node_binary(const std::string& name);

class NodePipe {
 public:
  explicit NodePipe(const std::string& name, std::vector<std::string> args = {});
  ~NodePipe();
  NodePipe(const NodePipe&) = delete;
  NodePipe& operator=(const NodePipe&) = delete;

  void write_line(const std::string& line);
  void send(const std::string& src, const std::string& dest, json::object body);
  // The next stdout line, or nullopt if none arrives in time (or EOF).
  std::optional<std::string> read_line(std::chrono::milliseconds timeout);
  // The next parseable message whose body answers msg_id; other lines are
  // kept in skipped().
  std::optional<json::object> reply_to(std::int64_t msg_id, std::chrono::milliseconds timeout);
  const std::vector<std::string>& skipped() const { return skipped_; }

  // init from client c0 with msg_id 1; true if init_ok came back.
  bool init(const std::string& id, const std::vector<std::string>& ids);

  void kill();  // SIGKILL and reap
  // Waits for exit; returns the exit status, or nullopt on timeout.
  std::optional<int> wait_exit(std::chrono::milliseconds timeout);

 private:
  int pid_ = -1;
  int in_fd_ = -1;
  int out_fd_ = -1;
  std::string buffer_;
  std::vector<std::string> skipped_;
  bool reaped_ = false;
};

}  // namespace nodes_test
