#include "lib/connection_pool.hpp"

namespace fl_adapter {

void ConnectionPool::configure(const Init& init, std::string port, std::chrono::milliseconds timeout) {
  init_ = init;
  port_ = std::move(port);
  timeout_ = timeout;
  connections_.clear();
}

Connection& ConnectionPool::to(const std::string& node) {
  auto& c = connections_[node];
  if (!c) c = std::make_unique<Connection>(timeout_);
  c->open(address_of(init_, node, port_));
  return *c;
}

}  // namespace fl_adapter
