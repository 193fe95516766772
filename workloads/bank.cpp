#include "workloads/bank.hpp"

#include <algorithm>
#include <random>

#include "workloads/schema.hpp"

namespace faultline::workloads {

namespace json = boost::json;

namespace {

std::int64_t int_or(const json::object& p, const char* name, std::int64_t fallback) {
  return p.contains(name) ? param_int(p, name) : fallback;
}

}  // namespace

BankWorkload::BankWorkload(const WorkloadContext& context)
    : accounts_(std::max<std::int64_t>(2, int_or(context.params, "accounts", 5))),
      total_(std::max<std::int64_t>(0, int_or(context.params, "total", 100))),
      max_transfer_(std::max<std::int64_t>(1, int_or(context.params, "max_transfer", 5))) {}

std::vector<json::object> BankWorkload::setup_messages(const std::string&) {
  json::object balances;
  for (std::int64_t a = 0; a < accounts_; ++a)
    balances[std::to_string(a)] = total_ / accounts_ + (a == 0 ? total_ % accounts_ : 0);
  return {{{"type", "init_accounts"}, {"balances", std::move(balances)}}};
}

std::optional<Invocation> BankWorkload::next(const ClientSlot&, history::Rng& rng) {
  if (rng() & 1) return Invocation{"read", nullptr};
  std::uniform_int_distribution<std::int64_t> account(0, accounts_ - 1);
  const std::int64_t from = account(rng);
  std::int64_t to = account(rng);
  while (to == from) to = account(rng);
  const std::int64_t amount = std::uniform_int_distribution<std::int64_t>(1, max_transfer_)(rng);
  return Invocation{"transfer", json::object{{"from", from}, {"to", to}, {"amount", amount}}};
}

json::object BankWorkload::encode(const Invocation& op) const {
  if (op.f == "read") return {{"type", "read"}};
  const auto& t = op.value.as_object();
  return {{"type", "transfer"}, {"from", t.at("from")}, {"to", t.at("to")}, {"amount", t.at("amount")}};
}

Outcome BankWorkload::decode(const Invocation& op, const json::object& reply) const {
  if (op.f == "transfer") {
    if (auto bad = check_reply(reply, "transfer_ok", {})) return schema_violation(*bad);
    return {history::OpType::Ok, op.value, nullptr};
  }
  if (auto bad = check_reply(reply, "read_ok", {{"balances", JsonKind::Object}}))
    return schema_violation(*bad);
  for (const auto& [account, balance] : reply.at("balances").as_object())
    if (!balance.is_number() && !balance.is_null())
      return schema_violation("balance of account " + std::string(account) + " is " +
                              json::serialize(balance));
  return {history::OpType::Ok, reply.at("balances"), nullptr};
}

std::vector<CheckerSpec> BankWorkload::default_checkers() const {
  return {{"bank", {{"total", total_}, {"accounts", accounts_}}}, {"stats", {}}};
}

std::vector<ParamSpec> BankWorkload::param_specs() {
  return {
      {"accounts", ParamKind::Int, 5, "number of accounts, named \"0\".. \"accounts-1\"", {}, 2, 1e6},
      {"total", ParamKind::Int, 100, "the money in the bank, split evenly at setup", {}, 0, 1e15},
      {"max_transfer", ParamKind::Int, 5, "transfers move 1..max_transfer", {}, 1, 1e15},
  };
}

}  // namespace faultline::workloads
