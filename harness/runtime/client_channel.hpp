#pragma once
// How a client's requests reach the system: through the router to Maelstrom
// nodes (router_channel), or through an adapter process that speaks the
// system's own protocol (adapter_channel, docs/adapters.md).
#include <boost/json.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace faultline::harness {

struct ClientAnswer {
  enum class Kind {
    Reply,    // `body` is the reply body (maybe an error body)
    Timeout,  // no reply in time (the workload decides: idempotent ops fail)
    Lost,     // the request's fate is unknown, for `reason`: always indeterminate
  };
  Kind kind = Kind::Timeout;
  const boost::json::object* body = nullptr;
  std::string reason;
};

class ClientChannel {
 public:
  using Callback = std::function<void(const ClientAnswer&)>;
  virtual ~ClientChannel() = default;
  // Runs `ready` once the channel takes calls (an adapter: after its init_ok).
  virtual void open(std::function<void()> ready) { ready(); }
  // One request body for `node`; `cb` runs exactly once unless cancel() comes first.
  virtual void call(const std::string& node, boost::json::object body, std::chrono::nanoseconds timeout,
                    Callback cb) = 0;
  virtual void cancel() = 0;  // drops pending callbacks without calling them
};

using ChannelFactory = std::function<std::unique_ptr<ClientChannel>(const std::string& client_id)>;

}  // namespace faultline::harness
