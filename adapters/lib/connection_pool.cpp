#include "lib/connection_pool.hpp"

namespace fl_adapter {

std::vector<std::string> with_pool_options(std::vector<std::string> own) {
  own.insert(own.end(), {"port", "timeout_ms"});
  return own;
}

void ConnectionPool::configure(const Init& init) {
  init_ = init;
  port_ = string_option(init.options, "port", "client");
  timeout_ = std::chrono::milliseconds(int_option(init.options, "timeout_ms", 1000));
  connections_.clear();
}

Connection& ConnectionPool::to(const std::string& node) {
  auto& c = connections_[node];
  if (!c) c = std::make_unique<Connection>(timeout_);
  c->open(address_of(init_, node, port_));
  return *c;
}

}  // namespace fl_adapter
