#pragma once
// One lazily opened Connection per node. An adapter talks to several nodes
// (every request names one), and each keeps its connection between requests
// so that a request costs one round trip; a connection that failed is
// reopened by the next request to that node.
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "lib/connection.hpp"
#include "lib/protocol.hpp"

namespace fl_adapter {

class ConnectionPool {
 public:
  ConnectionPool() = default;
  // The options every pooled adapter takes: `port`, the node port name whose
  // address (from init) the pool connects to (default "client"), and
  // `timeout_ms` per request (default 1000; keep it under workload.timeout).
  // Reads them from init.options; throws on a bad value.
  void configure(const Init& init);

  // The connection to `node`, open (connecting now if needed). Throws Failure.
  Connection& to(const std::string& node);

 private:
  Init init_;
  std::string port_ = "client";
  std::chrono::milliseconds timeout_{1000};
  std::map<std::string, std::unique_ptr<Connection>> connections_;
};

// An adapter's own option names plus the pool's, for check_option_names.
std::vector<std::string> with_pool_options(std::vector<std::string> own);

}  // namespace fl_adapter
