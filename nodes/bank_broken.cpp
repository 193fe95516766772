// bank_broken: a deliberately broken bank. Every node keeps all balances and
// answers reads from its own copy. A transfer is checked and applied where
// it arrives, then told to every peer as two separate messages, a debit and
// a credit, each sent once with no acknowledgement or retry. When the
// network drops or delays one half (a partition, loss), a peer applies the
// other alone: its reads show money created or destroyed (wrong-total), and
// concurrent transfers on different nodes overdraw accounts
// (negative-value). With a perfect network and no concurrency it would pass.
#include "lib/node.hpp"

int main() {
  using namespace fl_node;
  Node node;
  json::object balances;
  auto adjust = [&](const std::string& account, std::int64_t delta) {
    json::value* b = balances.if_contains(account);
    if (!b) throw MalformedRequest("no account " + account);
    *b = b->as_int64() + delta;
  };
  node.on("init_accounts", [&](const Message& m) {
    const json::value& b = field(m.body, "balances");
    if (!b.is_object()) throw MalformedRequest("balances must be an object");
    if (balances.empty()) balances = b.get_object();
    node.reply(m, {{"type", "init_accounts_ok"}});
  });
  node.on("read", [&](const Message& m) { node.reply(m, {{"type", "read_ok"}, {"balances", balances}}); });
  node.on("transfer", [&](const Message& m) {
    const std::string from = std::to_string(int_field(m.body, "from"));
    const std::string to = std::to_string(int_field(m.body, "to"));
    const std::int64_t amount = int_field(m.body, "amount");
    const json::value* source = balances.if_contains(from);
    if (!source || !balances.contains(to)) throw MalformedRequest("no such account");
    if (source->as_int64() < amount) {
      node.reply_error(m, kPreconditionFailed, "insufficient funds in " + from);
      return;
    }
    adjust(from, -amount);
    adjust(to, amount);
    for (const auto& peer : node.peers()) {
      node.send(peer, {{"type", "adjust"}, {"account", from}, {"delta", -amount}});
      node.send(peer, {{"type", "adjust"}, {"account", to}, {"delta", amount}});
    }
    node.reply(m, {{"type", "transfer_ok"}});
  });
  node.on("adjust",
          [&](const Message& m) { adjust(string_field(m.body, "account"), int_field(m.body, "delta")); });
  return node.run();
}
