#pragma once
// Maelstrom's broadcast: clients broadcast globally unique rising ints
// (0, 1, 2, ...) and read back every value a node has seen. Before any op,
// each node is told its neighbours by a `topology` message. After heal and
// quiesce, every client does one final read; the set-full checker (broadcast
// counted as add) then finds values that were acknowledged but are missing
// from reads that began after them.
//
// History: broadcast value v; read value null on invoke, the list read on ok
// (kept as the node sent it, duplicates included, so a checker can flag a
// node that returns a value twice).
#include <cstdint>
#include <set>

#include "workloads/final_read.hpp"
#include "workloads/params.hpp"
#include "workloads/topology.hpp"

namespace faultline::workloads {

class BroadcastWorkload : public OneFinalReadWorkload {
 public:
  static constexpr std::int64_t kDefaultDegree = 3;

  explicit BroadcastWorkload(const WorkloadContext& context);

  std::vector<boost::json::object> setup_messages(const std::string& node) override;
  std::optional<Invocation> next(const ClientSlot& client, history::Rng& rng) override;
  boost::json::object encode(const Invocation& op) const override;
  Outcome decode(const Invocation& op, const boost::json::object& reply) const override;
  std::vector<CheckerSpec> default_checkers() const override;

  static std::vector<ParamSpec> param_specs();

  const Topology& topology() const { return topology_; }

 private:
  Topology topology_;
  std::int64_t next_value_ = 0;
};

}  // namespace faultline::workloads
