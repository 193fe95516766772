#include "workloads/broadcast.hpp"

#include <random>

#include "workloads/schema.hpp"

namespace faultline::workloads {

namespace {

std::string topology_param(const boost::json::object& params) {
  return params.contains("topology") ? param_string(params, "topology") : std::string("grid");
}

int degree_param(const boost::json::object& params) {
  return params.contains("degree") ? static_cast<int>(param_int(params, "degree"))
                                   : static_cast<int>(BroadcastWorkload::kDefaultDegree);
}

}  // namespace

BroadcastWorkload::BroadcastWorkload(const WorkloadContext& context)
    : topology_(make_topology(topology_param(context.params), context.nodes, degree_param(context.params),
                              context.seed)) {}

std::vector<boost::json::object> BroadcastWorkload::setup_messages(const std::string& node) {
  // Maelstrom sends every node the whole map, not just its own entry: nodes
  // that route over more than one hop may use the rest.
  (void)node;
  boost::json::object map;
  for (const auto& [id, neighbours] : topology_) {
    boost::json::array list;
    for (const auto& n : neighbours) list.emplace_back(n);
    map[id] = std::move(list);
  }
  return {{{"type", "topology"}, {"topology", std::move(map)}}};
}

std::optional<Invocation> BroadcastWorkload::next(const ClientSlot&, history::Rng& rng) {
  if (std::bernoulli_distribution(0.5)(rng)) return Invocation{"broadcast", next_value_++};
  return Invocation{"read", nullptr};
}

boost::json::object BroadcastWorkload::encode(const Invocation& op) const {
  if (op.f == "broadcast") return {{"type", "broadcast"}, {"message", op.value}};
  return {{"type", "read"}};
}

Outcome BroadcastWorkload::decode(const Invocation& op, const boost::json::object& reply) const {
  if (op.f == "broadcast") {
    if (auto bad = check_reply(reply, "broadcast_ok", {})) return schema_violation(*bad);
    return {history::OpType::Ok, op.value, nullptr};
  }
  if (auto bad = check_reply(reply, "read_ok", {{"messages", JsonKind::Array}}))
    return schema_violation(*bad);
  return {history::OpType::Ok, reply.at("messages"), nullptr};
}

std::vector<CheckerSpec> BroadcastWorkload::default_checkers() const {
  return {{"set-full", {{"add_f", "broadcast"}}}, {"stats", {}}};
}

std::vector<ParamSpec> BroadcastWorkload::param_specs() {
  return {
      {"topology", ParamKind::Enum, "grid",
       "the neighbour map sent to each node before any op (tree = tree2; random uses `degree`)",
       topology_names()},
      {"degree",
       ParamKind::Int,
       kDefaultDegree,
       "random topology only: every node gets at least this many neighbours (at most n-1)",
       {},
       1,
       1e6},
  };
}

}  // namespace faultline::workloads
