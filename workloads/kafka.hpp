#pragma once
// Maelstrom's kafka: append-only logs per key, consumed by polling from
// offsets that clients commit.
//
// Wire (exactly Maelstrom's):
//   send{key:str, msg}               -> send_ok{offset}
//   poll{offsets:{key: offset}}      -> poll_ok{msgs:{key: [[offset, msg]...]}}
//   commit_offsets{offsets}          -> commit_offsets_ok
//   list_committed_offsets{keys}     -> list_committed_offsets_ok{offsets}
// History (Jepsen's kafka shapes, so its checker reads Maelstrom histories too):
//   send    [["send", k, msg]]             ok: [["send", k, [offset, msg]]]
//   poll    [["poll", {k: from}]]          ok: [["poll", {k: [[offset, msg]...]}]]
//   assign  [k...] (list_committed_offsets) ok: {k: committed}
//   commit_offsets {k: offset}
// Each client assigns itself a random subset of the active keys (first, and
// on about 1 op in 64, resuming from the committed offsets; Maelstrom's
// client ignores them, a bug we do not copy), then sends and polls 50/50 and
// commits the highest offset of each poll that returned messages. Keys are
// "0", "1", ... with exponential popularity; each takes messages 1, 2, ... up
// to max_writes_per_key, then a fresh key replaces it.
// Final phase: every client assigns all keys at offset 0 and polls until it
// has reached the highest offset acknowledged for each key, or until
// `final_polls` polls in a row bring nothing new.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "workloads/params.hpp"
#include "workloads/workload.hpp"

namespace faultline::workloads {

class KafkaWorkload : public Workload {
 public:
  explicit KafkaWorkload(const WorkloadContext& context);

  std::optional<Invocation> next(const ClientSlot& client, history::Rng& rng) override;
  bool has_final_phase() const override { return true; }
  std::optional<Invocation> next_final(const ClientSlot& client, history::Rng& rng) override;
  void observe(const ClientSlot& client, const Invocation& op, const Outcome& outcome) override;
  boost::json::object encode(const Invocation& op) const override;
  Outcome decode(const Invocation& op, const boost::json::object& reply) const override;
  bool idempotent(const Invocation& op) const override { return op.f == "assign"; }
  std::vector<CheckerSpec> default_checkers() const override;

  static std::vector<ParamSpec> param_specs();

 private:
  struct Consumer {
    bool assigned = false;
    std::map<std::string, std::int64_t> offsets;  // assigned key -> next offset to poll
    std::map<std::string, std::int64_t> to_commit;
    bool final_assigned = false;
    int idle_polls = 0;  // final phase: polls in a row that brought nothing new
  };

  Invocation assign(std::vector<std::string> keys) const;
  Invocation poll(const Consumer& c) const;

  int key_count_;
  int max_writes_per_key_;
  int final_polls_;
  std::vector<std::string> active_;  // hottest first
  std::vector<int> sent_;            // messages handed out per active slot
  int next_key_ = 0;
  std::set<std::string> all_keys_;
  std::map<std::string, std::int64_t> highest_acked_;  // key -> highest offset a send_ok returned
  std::map<int, Consumer> consumers_;                  // by client thread
};

}  // namespace faultline::workloads
