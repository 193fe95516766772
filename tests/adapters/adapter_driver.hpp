#pragma once
// Speaks the adapter protocol to one adapter binary, as the harness does.
#include <boost/json.hpp>

#include <memory>
#include <optional>
#include <string>

#include "../nodes/node_pipe.hpp"

namespace adapters_test {

namespace json = boost::json;

// build*/adapters/<name>
std::string adapter_binary(const std::string& name);

class AdapterDriver {
 public:
  // `nodes`: node id -> {"client": "host:port"}. init_reply() is what came back.
  AdapterDriver(const std::string& binary, json::object nodes, json::object options = {});
  const json::object& init_reply() const { return init_reply_; }
  // The reply body to one request; nullopt when none comes in time or it is not a reply to it.
  std::optional<json::object> call(const std::string& node, json::object body, int timeout_ms = 5000);
  nodes_test::NodePipe& pipe() { return *pipe_; }

 private:
  std::unique_ptr<nodes_test::NodePipe> pipe_;
  json::object init_reply_;
  std::int64_t next_id_ = 1;
};

// The error code of an error body, -1 for any other body.
int error_code(const json::object& body);

}  // namespace adapters_test
