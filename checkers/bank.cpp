#include "checkers/bank.hpp"

#include <map>

#include "checkers/error_log.hpp"
#include "checkers/evidence.hpp"
#include "checkers/evidence_schema.hpp"
#include "checkers/options.hpp"

namespace faultline::checkers {

namespace json = boost::json;
using history::OpType;

BankOptions parse_bank_options(const json::object& options) {
  OptionReader r("bank", options, {"total", "accounts", "negative_balances"});
  BankOptions o;
  if (options.contains("total")) o.total = r.get_number("total", 0, -1e18, 1e18);
  if (options.contains("accounts"))
    o.accounts = static_cast<std::int64_t>(r.get_number("accounts", 0, 1, 1e9));
  o.negative_balances = r.get_bool("negative_balances", false);
  return o;
}

namespace {

// Account names by their text, so {"0": 5} (JSON) and {0 5} (EDN) agree.
bool known_account(std::string_view name, std::int64_t accounts) {
  if (name.empty() || name.size() > 18) return false;
  std::int64_t n = 0;
  for (char c : name) {
    if (c < '0' || c > '9') return false;
    n = n * 10 + (c - '0');
  }
  return n < accounts;
}

}  // namespace

CheckResult BankChecker::check(const history::History& history) const {
  struct Read {
    std::size_t pos;
    double total = 0;
    bool nil = false;
  };
  std::vector<Read> reads;
  std::size_t transfers = 0, transfers_ok = 0;
  for (std::size_t i = 0; i < history.size(); ++i) {
    const auto& op = history[i];
    if (op.process == history::kNemesisProcess) continue;
    if (op.f == "transfer" && op.type != OpType::Invoke) {
      ++transfers;
      transfers_ok += op.type == OpType::Ok;
    }
    if (op.f != "read" || op.type != OpType::Ok) continue;
    const json::object* balances = op.value.if_object();
    if (!balances)
      throw std::invalid_argument("op " + std::to_string(op.index) +
                                  ": a bank read must return {account: balance, ...}, got " +
                                  json::serialize(op.value));
    Read r{i};
    for (const auto& [account, balance] : *balances) {
      if (balance.is_null())
        r.nil = true;
      else if (balance.is_number())
        r.total += balance.to_number<double>();
      else
        throw std::invalid_argument("op " + std::to_string(op.index) + ": balance of account " +
                                    std::string(account) + " is " + json::serialize(balance));
    }
    reads.push_back(r);
  }

  CheckResult result;
  json::object& d = result.details;
  d["read-count"] = reads.size();
  d["transfer-count"] = transfers;
  d["transfer-ok-count"] = transfers_ok;
  if (reads.empty()) {
    result.verdict = Verdict::Unknown;
    d["reason"] = "no read completed, so no total was ever observed";
    return result;
  }
  double total = 0;
  if (options_.total) {
    total = *options_.total;
    d["total-source"] = "option";
  } else {
    std::map<double, std::size_t> votes;
    for (const auto& r : reads)
      if (!r.nil) ++votes[r.total];
    std::size_t best = 0;
    for (const auto& [t, n] : votes)
      if (n > best) {
        best = n;
        total = t;
      }
    d["total-source"] = "inferred: the most common total, seen by " + std::to_string(best) + " of " +
                        std::to_string(reads.size()) + " reads";
  }
  d["total"] = number_json(total);

  ErrorLog errors(kDetailCap);
  for (const auto& r : reads) {
    const auto& op = history[r.pos];
    const auto& balances = op.value.as_object();
    if (r.nil) errors.report("nil-balance", [&] { return json::object{{"op", op_evidence(op)}}; });
    if (!r.nil && r.total != total)
      errors.report("wrong-total", [&] {
        return json::object{{"op", op_evidence(op)},
                            {"total", number_json(r.total)},
                            {"expected", number_json(total)},
                            {"because", "op " + std::to_string(op.index) + " read balances summing to " +
                                            json::serialize(number_json(r.total)) + ", not " +
                                            json::serialize(number_json(total))}};
      });
    json::object negative, unexpected;
    for (const auto& [account, balance] : balances) {
      if (balance.is_number() && balance.to_number<double>() < 0) negative[account] = balance;
      if (options_.accounts && !known_account(account, *options_.accounts)) unexpected[account] = balance;
    }
    if (!negative.empty() && !options_.negative_balances)
      errors.report("negative-value", [&] {
        return json::object{{"op", op_evidence(op)},
                            {"negative", negative},
                            {"because", "op " + std::to_string(op.index) + " read negative balances " +
                                            json::serialize(negative)}};
      });
    if (!unexpected.empty())
      errors.report("unexpected-key", [&] {
        return json::object{{"op", op_evidence(op)}, {"unexpected", unexpected}};
      });
  }
  json::array types;
  for (const auto& [type, _] : errors.by_type()) types.push_back(json::string(type));
  d["error-types"] = types;
  d["errors"] = errors.examples();
  declare_evidence(d, {errors_field("errors", "Bad reads",
                                    "reads whose balances do not add up to the total, or go negative.")});
  d["error-counts"] = errors.counts();
  if (errors.empty()) {
    result.verdict = Verdict::Valid;
    return result;
  }
  result.verdict = Verdict::Invalid;
  std::string why;
  for (const auto& [type, list] : errors.by_type())
    why += (why.empty() ? "" : "; ") + std::to_string(list.count()) + " reads with " + type;
  d["reason"] = why;
  return result;
}

}  // namespace faultline::checkers
