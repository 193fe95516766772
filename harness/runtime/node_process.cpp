#include "harness/runtime/node_process.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>
#include <boost/asio/write.hpp>
#include <boost/process/v2/stdio.hpp>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>

#include "harness/runtime/node_child_setup.hpp"

namespace faultline::harness {

namespace bp = boost::process::v2;

namespace {

// The node's environment, handed to the launcher directly: Boost.Process's
// own process_environment lives in its compiled part, which we don't build.
struct EnvironmentBlock {
  std::vector<std::string> entries;
  std::vector<const char*> pointers;
  explicit EnvironmentBlock(std::vector<std::string> env) : entries(std::move(env)) {
    for (const auto& e : entries) pointers.push_back(e.c_str());
    pointers.push_back(nullptr);
  }
  bp::error_code on_setup(bp::posix::default_launcher& launcher, const bp::filesystem::path&,
                          const char* const*) {
    launcher.env = pointers.data();
    return {};
  }
};

std::vector<std::string> environment_with(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) {
    std::string_view kv(*e);
    const auto eq = kv.find('=');
    if (eq != std::string_view::npos && extra.count(std::string(kv.substr(0, eq)))) continue;
    env.emplace_back(kv);
  }
  for (const auto& [k, v] : extra) env.push_back(k + "=" + v);
  return env;
}

}  // namespace

std::string describe_exit(int wait_status) {
  if (WIFSIGNALED(wait_status)) {
    const int sig = WTERMSIG(wait_status);
    const char* abbrev = ::sigabbrev_np(sig);
    return "killed by signal " + std::to_string(sig) + (abbrev ? std::string(" (SIG") + abbrev + ")" : "");
  }
  if (WIFEXITED(wait_status)) return "exited with status " + std::to_string(WEXITSTATUS(wait_status));
  return "ended with wait status " + std::to_string(wait_status);
}

std::string log_tail(const std::string& path, std::size_t bytes) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return "";
  const auto size = static_cast<std::size_t>(in.tellg());
  const auto from = size > bytes ? size - bytes : 0;
  in.seekg(static_cast<std::streamoff>(from));
  std::string tail(size - from, '\0');
  in.read(tail.data(), static_cast<std::streamsize>(tail.size()));
  return tail;
}

NodeProcess::NodeProcess(boost::asio::io_context& io, NodeLaunch launch, Callbacks callbacks)
    : io_(io),
      launch_(std::move(launch)),
      callbacks_(std::move(callbacks)),
      stdin_(io),
      stdout_(io),
      stderr_(io),
      stderr_buffer_(64 * 1024),
      read_buffer_(64 * 1024) {}

NodeProcess::~NodeProcess() {
  *alive_ = false;
  kill();
}

void NodeProcess::start() {
  if (launch_.argv.empty()) throw SpawnError("node " + launch_.id + ": empty command");
  const std::string& exe = launch_.argv[0];
  if (::access(exe.c_str(), X_OK) != 0)
    throw SpawnError("node " + launch_.id + ": cannot execute '" + exe + "': " + std::strerror(errno));
  if (!launch_.stderr_log) launch_.stderr_log = std::make_shared<CappedLog>(launch_.log_path);
  try {
    launch_.stderr_log->open();
  } catch (const std::runtime_error& e) {
    throw SpawnError("node " + launch_.id + ": " + e.what());
  }
  stdin_ = boost::asio::writable_pipe(io_);
  stdout_ = boost::asio::readable_pipe(io_);
  stderr_ = boost::asio::readable_pipe(io_);
  std::vector<std::string> args(launch_.argv.begin() + 1, launch_.argv.end());
  try {
    EnvironmentBlock env(environment_with(launch_.env));
    // Strings for the child, made before fork: it may only make async-signal-safe calls.
    const std::string cwd = launch_.cwd.string();
    const std::string hosts = launch_.hosts_file ? launch_.hosts_file->string() : std::string();
    NodeChildSetup setup{cwd.empty() ? nullptr : cwd.c_str(), hosts.empty() ? nullptr : hosts.c_str()};
    process_.emplace(io_.get_executor(), exe, args, bp::process_stdio{stdin_, stdout_, stderr_}, env, setup);
  } catch (const std::exception& e) {
    throw SpawnError("node " + launch_.id + ": cannot start '" + exe + "': " + e.what());
  }
  pid_ = process_->id();
  ::setpgid(pid_, pid_);  // also from the parent: whichever runs first wins the race
  running_ = true;
  paused_ = false;
  partial_.clear();
  skipping_oversized_ = false;
  pending_writes_.clear();
  write_in_flight_ = false;
  read_more();
  read_stderr();
  std::weak_ptr<bool> alive = alive_;
  process_->async_wait([this, alive, pid = pid_](bp::error_code ec, int code) {
    if (alive.expired() || pid != pid_) return;
    (void)ec;
    (void)code;  // Boost folds "killed by 9" and "exit 9" together; the native status does not
    handle_exit(process_ ? process_->native_exit_code() : code);
  });
}

void NodeProcess::handle_exit(int code) {
  if (!running_) return;
  running_ = false;
  drain_stderr();
  if (callbacks_.on_exit) callbacks_.on_exit(code);
}

void NodeProcess::read_stderr() {
  std::weak_ptr<bool> alive = alive_;
  stderr_.async_read_some(boost::asio::buffer(stderr_buffer_),
                          [this, alive](const boost::system::error_code& ec, std::size_t n) {
                            if (alive.expired() || ec) return;
                            launch_.stderr_log->append(std::string_view(stderr_buffer_.data(), n));
                            if (stderr_.is_open()) read_stderr();
                          });
}

void NodeProcess::drain_stderr() {
  if (stderr_.is_open()) {
    // The node is dead but its children may hold the pipe: take what is
    // there now, without waiting for an EOF that may never come.
    const int fd = stderr_.native_handle();
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    for (ssize_t n; (n = ::read(fd, stderr_buffer_.data(), stderr_buffer_.size())) > 0;)
      launch_.stderr_log->append(std::string_view(stderr_buffer_.data(), static_cast<std::size_t>(n)));
  }
  if (launch_.stderr_log) launch_.stderr_log->flush();
}

void NodeProcess::read_more() {
  std::weak_ptr<bool> alive = alive_;
  stdout_.async_read_some(boost::asio::buffer(read_buffer_),
                          [this, alive](const boost::system::error_code& ec, std::size_t n) {
                            if (alive.expired()) return;
                            if (ec) return;  // EOF or closed: the exit handler reports the rest
                            std::string_view chunk(read_buffer_.data(), n);
                            while (!chunk.empty()) {
                              const auto nl = chunk.find('\n');
                              if (nl == std::string_view::npos) {
                                if (!skipping_oversized_) {
                                  partial_.append(chunk);
                                  if (partial_.size() > launch_.max_line_bytes) {
                                    if (callbacks_.on_oversized_line) callbacks_.on_oversized_line(partial_);
                                    partial_.clear();
                                    skipping_oversized_ = true;
                                  }
                                }
                                break;
                              }
                              if (skipping_oversized_) {
                                skipping_oversized_ = false;
                              } else if (partial_.empty()) {
                                callbacks_.on_line(chunk.substr(0, nl));
                              } else {
                                partial_.append(chunk.substr(0, nl));
                                callbacks_.on_line(partial_);
                                partial_.clear();
                              }
                              chunk.remove_prefix(nl + 1);
                            }
                            if (stdout_.is_open()) read_more();
                          });
}

bool NodeProcess::write_line(std::string_view line) {
  constexpr std::size_t kMaxBacklogBytes = 64 << 20;
  if (!running_ || pending_writes_.size() > kMaxBacklogBytes) return false;
  pending_writes_.append(line);
  pending_writes_.push_back('\n');
  if (!write_in_flight_) flush_writes();
  return true;
}

void NodeProcess::flush_writes() {
  if (pending_writes_.empty() || !stdin_.is_open()) return;
  writing_.swap(pending_writes_);
  pending_writes_.clear();
  write_in_flight_ = true;
  std::weak_ptr<bool> alive = alive_;
  boost::asio::async_write(
      stdin_, boost::asio::buffer(writing_), [this, alive](const boost::system::error_code& ec, std::size_t) {
        if (alive.expired()) return;
        write_in_flight_ = false;
        if (!ec)
          lines_written_ += static_cast<std::uint64_t>(std::count(writing_.begin(), writing_.end(), '\n'));
        writing_.clear();
        if (ec) {
          pending_writes_.clear();  // the node is gone; drop like a dead host
          return;
        }
        flush_writes();
      });
}

void NodeProcess::kill() {
  if (pid_ <= 0) return;
  const pid_t pid = pid_;
  ::kill(-pid, SIGKILL);
  ::kill(pid, SIGKILL);
  boost::system::error_code ignored;
  stdin_.close(ignored);
  stdout_.close(ignored);
  if (process_) {
    bp::error_code ec;
    process_->wait(ec);
    process_.reset();
  }
  drain_stderr();
  stderr_.close(ignored);
  pid_ = -1;
  paused_ = false;
  if (running_) {
    running_ = false;
  }
}

void NodeProcess::pause() {
  if (running_ && pid_ > 0 && ::kill(-pid_, SIGSTOP) == 0) paused_ = true;
}

void NodeProcess::resume() {
  if (running_ && pid_ > 0 && ::kill(-pid_, SIGCONT) == 0) paused_ = false;
}

}  // namespace faultline::harness
