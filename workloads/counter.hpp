#pragma once
// Maelstrom's g-counter and pn-counter: clients add deltas and read the
// total; after heal and quiesce each client does one final read, which the
// counter checker compares with the sum of acknowledged adds (plus any subset
// of indeterminate ones).
//
//   pn-counter: 50/50 add (delta uniform in [-5, 4]) / read
//   g-counter:  Maelstrom filters pn's negative adds out, which leaves deltas
//               0..4 and about 1/3 adds, 2/3 reads; we draw that directly.
//
// Wire: add{delta} -> add_ok; read{} -> read_ok{value:int}.
// History: add value delta; read value null on invoke, the total on ok.

#include "workloads/final_read.hpp"

namespace faultline::workloads {

enum class CounterKind { Grow, PositiveNegative };

class CounterWorkload : public OneFinalReadWorkload {
 public:
  explicit CounterWorkload(CounterKind kind) : kind_(kind) {}

  std::optional<Invocation> next(const ClientSlot& client, history::Rng& rng) override;
  boost::json::object encode(const Invocation& op) const override;
  Outcome decode(const Invocation& op, const boost::json::object& reply) const override;
  std::vector<CheckerSpec> default_checkers() const override;

 private:
  CounterKind kind_;
};

}  // namespace faultline::workloads
