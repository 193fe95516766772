// bank: the correct answer to the bank workload under partitions, loss,
// duplication and reordering. The first node owns every account and runs
// each transfer whole; the others forward with retries, and the owner
// applies each client request once (lib/owner.hpp), so a retried transfer
// never moves money twice. A transfer the source cannot cover fails with
// error 22 (definite: nothing moved).
//   init_accounts{balances} -> init_accounts_ok   (setup; the owner keeps the first)
//   transfer{from, to, amount} -> transfer_ok
//   read{} -> read_ok{balances}
#include "lib/owner.hpp"

int main() {
  using namespace fl_node;
  Node node;
  json::object balances;
  bool initialized = false;
  Owner owner(node, Owner::ApplyNow([&](const json::object& r) -> json::object {
                if (string_field(r, "type") == "read") return {{"type", "read_ok"}, {"balances", balances}};
                const std::string from = std::to_string(int_field(r, "from"));
                const std::string to = std::to_string(int_field(r, "to"));
                const std::int64_t amount = int_field(r, "amount");
                json::value* source = balances.if_contains(from);
                json::value* target = balances.if_contains(to);
                if (!source || !target || from == to || amount <= 0)
                  throw MalformedRequest("no such transfer: " + json::serialize(r));
                if (source->as_int64() < amount)
                  return {{"type", "error"},
                          {"code", kPreconditionFailed},
                          {"text", "insufficient funds in " + from}};
                *source = source->as_int64() - amount;
                *target = target->as_int64() + amount;
                return {{"type", "transfer_ok"}};
              }));
  owner.serve({"transfer", "read"});
  node.on("init_accounts", [&](const Message& m) {
    const json::value& b = field(m.body, "balances");
    if (!b.is_object()) throw MalformedRequest("balances must be an object");
    for (const auto& [account, balance] : b.get_object())
      if (!balance.is_int64())
        throw MalformedRequest("balance of " + std::string(account) + " is not an integer");
    if (owner.is_owner() && !initialized) {
      balances = b.get_object();
      initialized = true;
    }
    node.reply(m, {{"type", "init_accounts_ok"}});
  });
  return node.run();
}
