#pragma once
// One node of the system under test: a real child process in its own process
// group, fed on stdin, heard on stdout line by line, logging stderr to a file.
#include <sys/types.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/readable_pipe.hpp>
#include <boost/asio/writable_pipe.hpp>
#include <boost/process/v2/process.hpp>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "harness/runtime/capped_log.hpp"

namespace faultline::harness {

struct NodeLaunch {
  std::string id;
  std::vector<std::string> argv;                    // argv[0] resolved to an existing executable
  std::map<std::string, std::string> env;           // added to the harness's environment
  std::filesystem::path cwd;                        // the node's own directory; argv[0] is absolute
  std::optional<std::filesystem::path> hosts_file;  // bind-mounted over /etc/hosts for this node only
  std::string log_path;                             // stderr, appended across restarts
  // The bounded writer of that log, shared by the node's successive processes
  // (LaunchPlan keeps one per node); made from log_path when not given.
  std::shared_ptr<CappedLog> stderr_log;
  std::size_t max_line_bytes = 1 << 20;
};

class SpawnError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class NodeProcess {
 public:
  struct Callbacks {
    std::function<void(std::string_view line)> on_line;
    std::function<void(std::string_view partial_line)> on_oversized_line;
    std::function<void(int wait_status)> on_exit;  // as waitpid gives it: describe_exit() reads it
  };

  NodeProcess(boost::asio::io_context& io, NodeLaunch launch, Callbacks callbacks);
  ~NodeProcess();
  NodeProcess(const NodeProcess&) = delete;
  NodeProcess& operator=(const NodeProcess&) = delete;

  // Throws SpawnError (binary missing, not executable, ...).
  void start();
  // False when the node is gone, or when it has stopped reading and its
  // backlog is full (a paused node): the message is lost, as a full socket
  // buffer would lose it, instead of growing the harness without bound.
  bool write_line(std::string_view line);
  // SIGKILL the whole process group and reap it synchronously.
  void kill();
  // Writes the stderr log's kept tail now, so the file ends with the latest lines.
  void flush_log() {
    if (launch_.stderr_log) launch_.stderr_log->flush();
  }
  void pause();   // SIGSTOP the group
  void resume();  // SIGCONT the group

  pid_t pid() const { return pid_; }
  // Lines the kernel has taken into the node's stdin pipe (not just queued here).
  std::uint64_t lines_written() const { return lines_written_; }
  bool running() const { return running_; }
  bool paused() const { return paused_; }
  const NodeLaunch& launch() const { return launch_; }

 private:
  void read_more();
  void read_stderr();
  // What the node wrote to stderr before it died, then the log's kept tail.
  void drain_stderr();
  void flush_writes();
  void handle_exit(int code);

  boost::asio::io_context& io_;
  NodeLaunch launch_;
  Callbacks callbacks_;
  std::optional<boost::process::v2::process> process_;
  boost::asio::writable_pipe stdin_;
  boost::asio::readable_pipe stdout_;
  boost::asio::readable_pipe stderr_;
  std::vector<char> stderr_buffer_;
  std::vector<char> read_buffer_;
  std::string partial_;
  bool skipping_oversized_ = false;
  std::string pending_writes_;
  std::string writing_;
  bool write_in_flight_ = false;
  std::uint64_t lines_written_ = 0;
  pid_t pid_ = -1;
  bool running_ = false;
  bool paused_ = false;
  // Outstanding async handlers hold this, so a destroyed node never runs one.
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

// "exited with status 3", "killed by signal 9 (SIGKILL)".
std::string describe_exit(int wait_status);

// The last `bytes` of a log file, for error messages.
std::string log_tail(const std::string& path, std::size_t bytes = 2000);

}  // namespace faultline::harness
