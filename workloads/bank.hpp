#pragma once
// Jepsen's bank (our wire protocol; Maelstrom has none): money moves between
// accounts, never appears or vanishes.
//
// Wire:
//   setup, once per node:  init_accounts{balances:{"0": n, ...}} -> init_accounts_ok
//   transfer{from, to, amount}  -> transfer_ok, or error 22 when `from` lacks
//                                  the funds (definite: nothing moved)
//   read{}                      -> read_ok{balances:{"0": n, ...}}
// Accounts are "0".."accounts-1"; `total` starts split evenly (the remainder
// in account 0). Clients transfer 1..max_transfer between two distinct
// random accounts and read all balances, 50/50; after the heal each client
// reads once more. History: transfer value {from, to, amount}; read ok value
// the balances. Default checkers: bank (with the total) and stats.
#include "workloads/final_read.hpp"
#include "workloads/params.hpp"

namespace faultline::workloads {

class BankWorkload : public OneFinalReadWorkload {
 public:
  explicit BankWorkload(const WorkloadContext& context);

  std::vector<boost::json::object> setup_messages(const std::string& node) override;
  std::optional<Invocation> next(const ClientSlot& client, history::Rng& rng) override;
  boost::json::object encode(const Invocation& op) const override;
  Outcome decode(const Invocation& op, const boost::json::object& reply) const override;
  std::vector<CheckerSpec> default_checkers() const override;

  static std::vector<ParamSpec> param_specs();

 private:
  std::int64_t accounts_;
  std::int64_t total_;
  std::int64_t max_transfer_;
};

}  // namespace faultline::workloads
