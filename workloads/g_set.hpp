#pragma once
// Maelstrom's g-set: a grow-only set. Clients add unique rising ints
// (0, 1, 2, ...) and read the whole set; after heal and quiesce each client
// does one final read, and the set-full checker (add counted as add) finds
// acknowledged elements missing from later reads.
//
// Wire: add{element} -> add_ok; read{} -> read_ok{value:[...]} (Maelstrom's
// schema says `value`; its prose says `elements`, which no client sends).
// History: add value element; read value null on invoke, the list on ok.
#include <cstdint>

#include "workloads/final_read.hpp"

namespace faultline::workloads {

class GSetWorkload : public OneFinalReadWorkload {
 public:
  std::optional<Invocation> next(const ClientSlot& client, history::Rng& rng) override;
  boost::json::object encode(const Invocation& op) const override;
  Outcome decode(const Invocation& op, const boost::json::object& reply) const override;
  std::vector<CheckerSpec> default_checkers() const override;

 private:
  std::int64_t next_element_ = 0;
};

}  // namespace faultline::workloads
