#pragma once
// Shared by the lin_kv* node binaries (header-only: every nodes/*.cpp is a
// binary of its own). The key-value state machine of Maelstrom's lin-kv
// workload, and an fsynced append-only operation log for --data-dir.
#include <boost/json.hpp>

#include <fcntl.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "lib/durable_file.hpp"
#include "lib/node.hpp"

namespace fl_node::lin_kv {

// The parts of a read/write/cas request a replica needs, checked up front so
// that a malformed request is refused (error 12) before it enters any log.
inline json::object kv_operation(const json::object& body) {
  const std::string type = std::string(body.at("type").as_string());
  json::object op{{"type", type}, {"key", field(body, "key")}};
  if (type == "write") {
    op["value"] = field(body, "value");
  } else if (type == "cas") {
    op["from"] = field(body, "from");
    op["to"] = field(body, "to");
  } else if (type != "read") {
    throw MalformedRequest("not a lin-kv operation: " + type);
  }
  return op;
}

// Keys are compared as JSON values (1 and "1" differ), as Maelstrom does.
class KvMachine {
 public:
  // The reply body for an operation made by kv_operation().
  json::object apply(const json::object& op) {
    const std::string key = json::serialize(op.at("key"));
    const auto type = op.at("type").as_string();
    auto it = values_.find(key);
    if (type == "write") {
      values_[key] = op.at("value");
      return {{"type", "write_ok"}};
    }
    if (it == values_.end())
      return {{"type", "error"}, {"code", kKeyDoesNotExist}, {"text", "key does not exist"}};
    if (type == "read") return {{"type", "read_ok"}, {"value", it->second}};
    if (it->second != op.at("from"))
      return {
          {"type", "error"},
          {"code", kPreconditionFailed},
          {"text", "expected " + json::serialize(op.at("from")) + ", had " + json::serialize(it->second)}};
    it->second = op.at("to");
    return {{"type", "cas_ok"}};
  }

  // Direct access for replicas that ship values rather than operations.
  const json::value* get(const json::value& key) const {
    auto it = values_.find(json::serialize(key));
    return it == values_.end() ? nullptr : &it->second;
  }
  void set(const json::value& key, json::value value) { values_[json::serialize(key)] = std::move(value); }

 private:
  std::map<std::string, json::value> values_;
};

// An append-only log of JSON entries, one per line, fsynced before append()
// returns. A SIGKILL mid-append leaves at most one torn last line, which
// load() drops: that entry was never acknowledged by anyone.
class DurableLog {
 public:
  explicit DurableLog(std::filesystem::path path) : path_(std::move(path)) {}
  DurableLog(const DurableLog&) = delete;
  DurableLog& operator=(const DurableLog&) = delete;
  ~DurableLog() {
    if (fd_ >= 0) ::close(fd_);
  }

  std::vector<json::object> load() {
    std::vector<json::object> entries;
    std::string contents = read_file_if_exists(path_).value_or("");
    std::size_t start = 0;
    bool torn = false;
    for (std::size_t end; (end = contents.find('\n', start)) != std::string::npos; start = end + 1) {
      boost::system::error_code ec;
      auto v = json::parse(std::string_view(contents).substr(start, end - start), ec);
      if (ec || !v.is_object()) {
        torn = true;
        break;
      }
      entries.push_back(std::move(v.get_object()));
    }
    if (torn || start != contents.size()) rewrite(entries);  // drop the torn tail
    return entries;
  }

  void append(const std::vector<json::object>& entries) {
    if (entries.empty()) return;
    std::string data;
    for (const auto& e : entries) data += json::serialize(e) + "\n";
    write_all(data);
    if (::fdatasync(fd()) != 0) fail("cannot fsync");
  }

  // Replaces the whole log (rare: only when a replica must drop entries).
  void rewrite(const std::vector<json::object>& entries) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    std::string data;
    for (const auto& e : entries) data += json::serialize(e) + "\n";
    write_file_durably(path_, data);
  }

 private:
  int fd() {
    if (fd_ < 0) {
      fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      if (fd_ < 0) fail("cannot open");
    }
    return fd_;
  }
  void write_all(std::string_view data) {
    while (!data.empty()) {
      ssize_t n = ::write(fd(), data.data(), data.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) fail("cannot write");
      data.remove_prefix(static_cast<std::size_t>(n));
    }
  }
  [[noreturn]] void fail(const char* what) {
    throw std::runtime_error(std::string(what) + " " + path_.string() + ": " + std::strerror(errno));
  }

  std::filesystem::path path_;
  int fd_ = -1;
};

}  // namespace fl_node::lin_kv
