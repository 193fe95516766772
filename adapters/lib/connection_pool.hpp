#pragma once
// One lazily opened Connection per node. An adapter talks to several nodes
// (every request names one), and each keeps its connection between requests
// so that a request costs one round trip; a connection that failed is
// reopened by the next request to that node.
#include <chrono>
#include <map>
#include <memory>
#include <string>

#include "lib/connection.hpp"
#include "lib/protocol.hpp"

namespace fl_adapter {

class ConnectionPool {
 public:
  ConnectionPool() = default;
  // `port` is the node port name whose address (from init) the pool connects to.
  void configure(const Init& init, std::string port, std::chrono::milliseconds timeout);

  // The connection to `node`, open (connecting now if needed). Throws Failure.
  Connection& to(const std::string& node);

 private:
  Init init_;
  std::string port_ = "client";
  std::chrono::milliseconds timeout_{1000};
  std::map<std::string, std::unique_ptr<Connection>> connections_;
};

}  // namespace fl_adapter
