#include "node_pipe.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <csignal>
#include <filesystem>
#include <stdexcept>
#include <thread>

namespace nodes_test {

std::string node_binary(const std::string& name) {
  if (name.starts_with('/')) return name;
  std::string path = std::string(FAULTLINE_BINARY_DIR) + "/nodes/" + name;
  if (!std::filesystem::exists(path))
    throw std::runtime_error(path + " does not exist: build the node targets first (ninja " + name + ")");
  return path;
}

NodePipe::NodePipe(const std::string& name, std::vector<std::string> args) {
  std::string binary = node_binary(name);
  int to_child[2], from_child[2];
  if (::pipe2(to_child, O_CLOEXEC) != 0 || ::pipe2(from_child, O_CLOEXEC) != 0)
    throw std::runtime_error("pipe failed");
  ::signal(SIGPIPE, SIG_IGN);  // a dead node must fail a test, not kill it
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    ::dup2(to_child[0], STDIN_FILENO);
    ::dup2(from_child[1], STDOUT_FILENO);
    int devnull = ::open("/dev/null", O_WRONLY);
    if (devnull >= 0) ::dup2(devnull, STDERR_FILENO);  // node logs stay out of test output
    std::vector<char*> argv{binary.data()};
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  ::close(to_child[0]);
  ::close(from_child[1]);
  in_fd_ = to_child[1];
  out_fd_ = from_child[0];
}

NodePipe::~NodePipe() {
  kill();
  if (in_fd_ >= 0) ::close(in_fd_);
  if (out_fd_ >= 0) ::close(out_fd_);
}

void NodePipe::write_line(const std::string& line) {
  std::string whole = line + "\n";
  std::size_t done = 0;
  while (done < whole.size()) {
    ssize_t n = ::write(in_fd_, whole.data() + done, whole.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return;  // node gone; the missing reply fails the test
    done += static_cast<std::size_t>(n);
  }
}

void NodePipe::send(const std::string& src, const std::string& dest, json::object body) {
  write_line(
      json::serialize(json::object{{"id", 99}, {"src", src}, {"dest", dest}, {"body", std::move(body)}}));
}

std::optional<std::string> NodePipe::read_line(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    if (auto end = buffer_.find('\n'); end != std::string::npos) {
      std::string line = buffer_.substr(0, end);
      buffer_.erase(0, end + 1);
      return line;
    }
    auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    pollfd p{out_fd_, POLLIN, 0};
    // A zero timeout still looks once, so callers can drain without waiting.
    int ready = ::poll(&p, 1, static_cast<int>(std::max<std::int64_t>(0, left.count())));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return std::nullopt;
    char chunk[4096];
    ssize_t n = ::read(out_fd_, chunk, sizeof chunk);
    if (n <= 0) return std::nullopt;
    buffer_.append(chunk, static_cast<std::size_t>(n));
  }
}

std::optional<json::object> NodePipe::reply_to(std::int64_t msg_id, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    auto line = read_line(left);
    if (!line) return std::nullopt;
    boost::system::error_code ec;
    json::value v = json::parse(*line, ec);
    if (!ec && v.is_object()) {
      auto* body = v.get_object().if_contains("body");
      if (body && body->is_object()) {
        auto* irt = body->get_object().if_contains("in_reply_to");
        if (irt && irt->is_int64() && irt->get_int64() == msg_id) return v.get_object();
      }
    }
    skipped_.push_back(*line);
  }
}

bool NodePipe::init(const std::string& id, const std::vector<std::string>& ids) {
  json::array node_ids(ids.begin(), ids.end());
  send("c0", id, {{"type", "init"}, {"msg_id", 1}, {"node_id", id}, {"node_ids", node_ids}});
  auto reply = reply_to(1, std::chrono::milliseconds(2000));
  return reply && reply->at("body").at("type") == "init_ok";
}

void NodePipe::kill() {
  if (pid_ > 0 && !reaped_) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    reaped_ = true;
  }
}

std::optional<int> NodePipe::wait_exit(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      reaped_ = true;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return std::nullopt;
}

}  // namespace nodes_test
