#include "checkers/registry.hpp"

#include <stdexcept>

#include "checkers/bank.hpp"
#include "checkers/counter.hpp"
#include "checkers/echo.hpp"
#include "checkers/elle/register.hpp"
#include "checkers/kafka/checker.hpp"
#include "checkers/linearizability/register.hpp"
#include "checkers/options.hpp"
#include "checkers/queue.hpp"
#include "checkers/set_full.hpp"
#include "checkers/stats.hpp"
#include "checkers/unique_ids.hpp"

namespace faultline::checkers {

namespace {

// For checkers that take no options: still reject typos loudly.
template <typename T>
CheckerFactory without_options(const char* name) {
  return [name](const boost::json::object& options) -> std::unique_ptr<Checker> {
    OptionReader(name, options, {});
    return std::make_unique<T>();
  };
}

}  // namespace

const std::vector<CheckerEntry>& checker_table() {
  static const std::vector<CheckerEntry> table = {
      {"stats", "ok/fail/info counts per operation; invalid if some operation never succeeded",
       without_options<StatsChecker>("stats")},
      {"unique-ids", "every acknowledged generate returned a distinct id",
       without_options<UniqueIdsChecker>("unique-ids")},
      {"echo", "every echo reply carries the value sent; errors and timeouts count as failures",
       without_options<EchoChecker>("echo")},
      {"set-full",
       "grow-only set / broadcast: lost, stale, never-read, duplicated and unexpected elements "
       "(options: linearizable, add_f, read_f)",
       [](const boost::json::object& options) -> std::unique_ptr<Checker> {
         return std::make_unique<SetFullChecker>(parse_set_full_options(options));
       }},
      {"counter", "g-counter / pn-counter: every read is a sum some set of adds explains",
       without_options<CounterChecker>("counter")},
      {"queue",
       "queue delivery: lost, duplicated, unexpected, recovered values, optional FIFO order "
       "(options: guarantee, fifo)",
       [](const boost::json::object& options) -> std::unique_ptr<Checker> {
         return std::make_unique<QueueChecker>(parse_queue_options(options));
       }},
      linearizability_checker_entry(),
      elle_checker_entry(elle::DataModel::ListAppend),
      elle_checker_entry(elle::DataModel::RwRegister),
      {"kafka",
       "append-only logs (Maelstrom's kafka): lost writes, unseen, duplicated or inconsistent offsets, "
       "poll skips, nonmonotonic polls and sends, G1a",
       without_options<kafka::KafkaChecker>("kafka")},
      {"bank",
       "every read of all balances sums to the conserved total; negative balances flagged (options: total, "
       "accounts, negative_balances)",
       [](const boost::json::object& options) -> std::unique_ptr<Checker> {
         return std::make_unique<BankChecker>(parse_bank_options(options));
       }},
  };
  return table;
}

std::unique_ptr<Checker> make_checker(const std::string& name, const boost::json::object& options) {
  std::string known;
  for (const auto& entry : checker_table()) {
    if (entry.name == name) return entry.make(options);
    known += (known.empty() ? "" : ", ") + entry.name;
  }
  throw std::invalid_argument("unknown checker '" + name + "' (known: " + known + ")");
}

}  // namespace faultline::checkers
