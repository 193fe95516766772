#pragma once
// Maelstrom's built-in services (lin-kv, seq-kv, lww-kv, lin-tso): endpoints
// that nodes may call. They sit behind the network like any node.
#include <boost/json.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "history/seed.hpp"

namespace faultline::workloads {

class Service {
 public:
  virtual ~Service() = default;
  virtual std::string id() const = 0;
  // The reply body for a request body from `src` (without src/dest/msg_id;
  // the caller adds in_reply_to), or nullopt for no reply (unknown type).
  virtual std::optional<boost::json::object> handle(const std::string& src, const boost::json::object& body,
                                                    history::Rng& rng) = 0;
};

// All four services, ids "lin-kv", "seq-kv", "lww-kv", "lin-tso".
std::vector<std::unique_ptr<Service>> make_services();

}  // namespace faultline::workloads
