// kafka_lossy: a deliberately broken kafka node that acknowledges sends it
// then loses or misplaces. Like kafka_log, the first node owns the logs,
// but a follower waits only 200 ms for the owner's answer to a send; past
// that it answers send_ok itself with the offset it guesses comes next (one
// past the highest it has seen for the key) and drops the message. Without
// faults the owner answers in time and all is well; behind a partition the
// acknowledged message is lost (lost-write or unseen), and if the forward
// arrives late after all, the message lands at another offset than the one
// acknowledged while the guessed offset holds another message
// (inconsistent-offsets, duplicate).
#include <algorithm>
#include <map>

#include "lib/kafka_log.hpp"
#include "lib/owner.hpp"

int main() {
  using namespace fl_node;
  Node node;
  KafkaLog log;
  Owner owner(node, Owner::ApplyNow([&](const json::object& r) { return log.apply(r); }));
  owner.serve({"poll", "commit_offsets", "list_committed_offsets"});
  std::map<std::string, std::int64_t> highest;  // follower: highest offset seen per key
  node.on("send", [&](const Message& req) {
    const std::string key = string_field(req.body, "key");
    if (owner.is_owner()) return owner.answer_here(req);
    node.rpc(
        owner.owner(),
        {{"type", "owner_op"}, {"request", owner.request_key(req)}, {"op", without_msg_id(req.body)}},
        [&, req, key](std::optional<Message> answer) {
          std::int64_t& top = highest.try_emplace(key, -1).first->second;
          if (answer && answer->type() == "owner_op_ok") {
            const json::object& reply = answer->body.at("reply").as_object();
            if (const auto* off = reply.if_contains("offset"); off && off->is_int64())
              top = std::max(top, off->as_int64());
            node.reply(req, reply);
            return;
          }
          node.reply(req, {{"type", "send_ok"}, {"offset", ++top}});  // the flaw
        },
        Millis(200));
  });
  return node.run();
}
