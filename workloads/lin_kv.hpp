#pragma once
// Maelstrom's lin-kv: a linearizable key-value store driven by Jepsen's
// linearizable-register generator over independent keys 0, 1, 2, …
//
// Client threads form groups of 2 x nodes (thread t is in group t / (2n));
// each group hammers one key: the first half of the group only reads, the
// rest write (1/3) or cas (2/3) with values 0..4. A key retires once
// `key_retire_processes` distinct processes have used it (a process is
// replaced after an info op), and its group moves on to the next unused key,
// which keeps each key's history small enough for the linearizability search.
//
// History values are Jepsen independent tuples: read [k, v] (v null on
// invoke), write [k, v], cas [k, [from, to]].
#include <cstdint>
#include <set>
#include <vector>

#include "workloads/params.hpp"
#include "workloads/workload.hpp"

namespace faultline::workloads {

class LinKvWorkload : public Workload {
 public:
  static constexpr std::int64_t kDefaultRetireProcesses = 20;

  explicit LinKvWorkload(const WorkloadContext& context);

  std::optional<Invocation> next(const ClientSlot& client, history::Rng& rng) override;
  void observe(const ClientSlot& client, const Invocation& op, const Outcome& outcome) override;
  boost::json::object encode(const Invocation& op) const override;
  Outcome decode(const Invocation& op, const boost::json::object& reply) const override;
  bool idempotent(const Invocation& op) const override { return op.f == "read"; }
  std::vector<CheckerSpec> default_checkers() const override;

  // The workload's entries for the registry table.
  static std::vector<ParamSpec> param_specs();

  // Inspection: the key group `group` is working on now.
  std::int64_t current_key(int group) const;

 private:
  struct Group {
    std::int64_t key = 0;
    std::set<std::int64_t> processes;  // distinct processes that used `key`
  };

  Group& group_for(int thread);
  int group_size(int group) const;  // the last group may be short
  void retire(Group& group);

  int threads_per_group_;
  int concurrency_;
  std::int64_t retire_after_;
  std::int64_t next_key_ = 0;
  std::vector<Group> groups_;
};

}  // namespace faultline::workloads
