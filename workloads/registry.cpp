#include "workloads/registry.hpp"

#include "workloads/bank.hpp"
#include "workloads/broadcast.hpp"
#include "workloads/counter.hpp"
#include "workloads/echo.hpp"
#include "workloads/g_set.hpp"
#include "workloads/kafka.hpp"
#include "workloads/lin_kv.hpp"
#include "workloads/queue.hpp"
#include "workloads/txn.hpp"
#include "workloads/unique_ids.hpp"

namespace faultline::workloads {

const std::vector<WorkloadEntry>& workload_table() {
  static const std::vector<WorkloadEntry> table = {
      {"echo",
       "clients send values and expect them echoed back",
       {},
       [](const WorkloadContext&) { return std::make_unique<EchoWorkload>(); }},
      {"unique-ids",
       "clients ask for ids that must be globally unique",
       {},
       [](const WorkloadContext&) { return std::make_unique<UniqueIdsWorkload>(); }},
      {"lin-kv", "a linearizable key-value store: reads, writes and cas on independent keys",
       LinKvWorkload::param_specs(),
       [](const WorkloadContext& c) { return std::make_unique<LinKvWorkload>(c); }},
      {"broadcast", "clients broadcast unique ints that every node must come to read",
       BroadcastWorkload::param_specs(),
       [](const WorkloadContext& c) { return std::make_unique<BroadcastWorkload>(c); }},
      {"g-set",
       "a grow-only set: clients add unique elements and read the whole set",
       {},
       [](const WorkloadContext&) { return std::make_unique<GSetWorkload>(); }},
      {"g-counter",
       "a grow-only counter: clients add deltas 0..4 and read the total",
       {},
       [](const WorkloadContext&) { return std::make_unique<CounterWorkload>(CounterKind::Grow); }},
      {"pn-counter",
       "a counter: clients add deltas in [-5, 4] and read the total",
       {},
       [](const WorkloadContext&) {
         return std::make_unique<CounterWorkload>(CounterKind::PositiveNegative);
       }},
      {"queue", "clients enqueue unique ints, dequeue (and optionally ack) them, then drain",
       QueueWorkload::param_specs(),
       [](const WorkloadContext& c) { return std::make_unique<QueueWorkload>(c); }},
      {"txn-list-append", "transactions of reads and appends to lists, checked for Elle's anomalies",
       TxnWorkload::param_specs(),
       [](const WorkloadContext& c) { return std::make_unique<TxnWorkload>(c, true); }},
      {"txn-rw-register", "transactions of reads and writes of registers, checked for Elle's anomalies",
       TxnWorkload::param_specs(),
       [](const WorkloadContext& c) { return std::make_unique<TxnWorkload>(c, false); }},
      {"kafka",
       "append-only logs per key: clients send, poll from offsets and commit them, then read everything",
       KafkaWorkload::param_specs(),
       [](const WorkloadContext& c) { return std::make_unique<KafkaWorkload>(c); }},
      {"bank", "transfers between accounts and reads of all balances, which must keep the total",
       BankWorkload::param_specs(),
       [](const WorkloadContext& c) { return std::make_unique<BankWorkload>(c); }},
  };
  return table;
}

const WorkloadEntry* find_workload(const std::string& name) {
  for (const auto& entry : workload_table())
    if (entry.name == name) return &entry;
  return nullptr;
}

}  // namespace faultline::workloads
