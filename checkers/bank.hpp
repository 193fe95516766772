#pragma once
// `bank`: Jepsen's bank checker. Transfers move money between accounts, so
// every read of all balances must see the same total. Ops: f=transfer
// (value {from, to, amount}); f=read, ok with {account: balance, ...}.
// Errors per ok read:
//   wrong-total     the balances do not sum to the total
//   negative-value  some balance is below zero (unless negative_balances)
//   nil-balance     some account has no balance (null)
//   unexpected-key  an account outside 0..accounts-1 (when accounts is given)
// Options: total (the conserved amount; by default the most common total
// among reads, reported as inferred), accounts, negative_balances.
#include <optional>

#include "checkers/checker.hpp"

namespace faultline::checkers {

struct BankOptions {
  std::optional<double> total;
  std::optional<std::int64_t> accounts;
  bool negative_balances = false;
};

BankOptions parse_bank_options(const boost::json::object& options);

class BankChecker : public Checker {
 public:
  explicit BankChecker(BankOptions options = {}) : options_(options) {}
  std::string name() const override { return "bank"; }
  CheckResult check(const history::History& history) const override;

 private:
  BankOptions options_;
};

}  // namespace faultline::checkers
