#pragma once
// The data of the kafka nodes (Maelstrom's kafka workload): an append-only
// log of messages per key, offsets 0, 1, 2, ..., and each key's committed
// offset. Requests, as bodies without msg_id, and their reply bodies:
//   send{key, msg}                 -> send_ok{offset}
//   poll{offsets:{key: from}}      -> poll_ok{msgs:{key: [[offset, msg]...]}}
//   commit_offsets{offsets}        -> commit_offsets_ok
//   list_committed_offsets{keys}   -> list_committed_offsets_ok{offsets}
#include <map>
#include <string>
#include <vector>

#include "lib/node.hpp"

namespace fl_node {

class KafkaLog {
 public:
  // The reply body; MalformedRequest for a request that is not one of the four.
  json::object apply(const json::object& request);

 private:
  std::map<std::string, std::vector<json::value>> logs_;
  std::map<std::string, std::int64_t> committed_;
};

}  // namespace fl_node
