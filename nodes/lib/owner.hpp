#pragma once
// One node owns all the state; the others relay. The first node of node_ids
// applies every client request itself, each at most once: requests are keyed
// by the client's "<src>:<msg_id>", and a repeat (a follower's retry after a
// lost reply, a duplicate from the network) gets the first answer again.
// Followers forward each request as owner_op{request, op}, retrying until
// any attempt is answered, and relay the owner_op_ok{reply}. When the owner
// stays silent past the give-up time the follower stays silent too: the
// owner may have applied the request, so only an indeterminate outcome
// (the client's timeout) is honest.
//
// Correct under partitions, loss, duplication and reordering; not under the
// owner's crash (its state is in memory).
#include <chrono>
#include <functional>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "lib/node.hpp"

namespace fl_node {

struct OwnerOptions {
  std::chrono::milliseconds retry_every{300};
  std::chrono::milliseconds give_up_after{4000};
};

class Owner {
 public:
  using Done = std::function<void(json::object reply)>;
  // Runs one client request (msg_id removed) on the owner and calls `done`
  // with the reply body, now or later (a transaction that commits later).
  using Apply = std::function<void(const json::object& request, Done done)>;
  // The same for owners that answer at once.
  using ApplyNow = std::function<json::object(const json::object& request)>;

  Owner(Node& node, Apply apply, OwnerOptions options = {});
  Owner(Node& node, ApplyNow apply, OwnerOptions options = {});

  // Serves these client request types through the owner.
  void serve(std::initializer_list<std::string_view> types);

  bool is_owner() const { return node_.node_id() == owner(); }
  const std::string& owner() const { return node_.node_ids().front(); }
  // Applies a request (by its key) on the owner, once; every caller with
  // that key gets the one reply.
  void apply_once(const std::string& key, const json::object& request, Done done);
  std::string request_key(const Message& request);
  // On the owner: applies a client request once and replies to it.
  void answer_here(const Message& request);
  // Sends a request to the owner once, without waiting or retrying: only for
  // nodes that are broken on purpose.
  void forward_once(const Message& request);

 private:
  void on_client(const Message& request);
  void on_owner_op(const Message& m);

  Node& node_;
  Apply apply_;
  OwnerOptions options_;
  std::map<std::string, json::object> answered_;
  std::map<std::string, std::vector<Done>> waiting_;  // applied, reply not ready yet
  std::int64_t anonymous_ = 0;
};

// A body without its msg_id: what the owner applies and remembers.
json::object without_msg_id(json::object body);

}  // namespace fl_node
