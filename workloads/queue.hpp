#pragma once
// Our queue workload (not in Maelstrom; protocol in README.md, "Protocol:
// queue workload"):
//   enqueue{value} -> enqueue_ok
//   dequeue{}      -> dequeue_ok{value}, or error 20 when the queue is empty
//   ack{value}     -> ack_ok                      (only with param ack: true)
//
// Main phase: 50/50 enqueue of unique rising ints (0, 1, 2, ...) / dequeue;
// with `ack`, a client's next op after an ok dequeue acks that value. Final
// phase (after heal and quiesce): every client drains, dequeuing until it
// sees the queue empty, at most `drain_limit` final ops per client so a
// queue that never empties cannot hang the run. The queue checker then
// compares what was enqueued with what was dequeued under the declared
// `guarantee` (and order, with `fifo`).
//
// History: enqueue value v; dequeue value null on invoke, the value on ok
// (an empty queue is a definite fail with error [20, ...]); ack value v.
#include <cstdint>
#include <map>
#include <optional>

#include "workloads/params.hpp"
#include "workloads/workload.hpp"

namespace faultline::workloads {

class QueueWorkload : public Workload {
 public:
  static constexpr std::int64_t kDefaultDrainLimit = 10000;
  static constexpr int kEmptyQueueError = 20;  // key-does-not-exist

  explicit QueueWorkload(const WorkloadContext& context);

  std::optional<Invocation> next(const ClientSlot& client, history::Rng& rng) override;
  bool has_final_phase() const override { return true; }
  std::optional<Invocation> next_final(const ClientSlot& client, history::Rng& rng) override;
  void observe(const ClientSlot& client, const Invocation& op, const Outcome& outcome) override;
  boost::json::object encode(const Invocation& op) const override;
  Outcome decode(const Invocation& op, const boost::json::object& reply) const override;
  std::vector<CheckerSpec> default_checkers() const override;

  static std::vector<ParamSpec> param_specs();

 private:
  struct ClientState {
    std::optional<boost::json::value> unacked;  // dequeued, ack not yet sent
    bool draining = false;                      // in the final phase
    bool drained = false;                       // saw the queue empty while draining
    std::int64_t final_ops = 0;
  };

  std::string guarantee_;
  bool fifo_;
  bool ack_;
  std::int64_t drain_limit_;
  std::int64_t next_value_ = 0;
  std::map<int, ClientState> clients_;  // by client thread
};

}  // namespace faultline::workloads
