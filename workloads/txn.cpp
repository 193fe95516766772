#include "workloads/txn.hpp"

#include "checkers/elle/consistency_models.hpp"
#include "workloads/schema.hpp"

namespace faultline::workloads {

namespace json = boost::json;

namespace {

int int_or(const json::object& p, const char* name, int fallback) {
  return p.contains(name) ? static_cast<int>(param_int(p, name)) : fallback;
}

checkers::elle::TxnGeneratorOptions generator_options(const json::object& p, bool append) {
  checkers::elle::TxnGeneratorOptions o;
  o.append = append;
  o.key_count = int_or(p, "key_count", o.key_count);
  o.min_length = int_or(p, "min_txn_length", o.min_length);
  o.max_length = int_or(p, "max_txn_length", o.max_length);
  o.max_writes_per_key = int_or(p, "max_writes_per_key", o.max_writes_per_key);
  return o;
}

// Whether the reply's micro-ops answer the request's, one for one: same
// function and key, a read filled with what a read of this data type returns,
// a write or append unchanged.
std::optional<std::string> mismatch(const json::array& request, const json::array& reply, bool append) {
  if (reply.size() != request.size())
    return "txn_ok has " + std::to_string(reply.size()) + " micro-ops for a request of " +
           std::to_string(request.size());
  for (std::size_t i = 0; i < reply.size(); ++i) {
    const auto* got = reply[i].if_array();
    const auto& sent = request[i].as_array();
    if (!got || got->size() != 3 || (*got)[0] != sent[0] || (*got)[1] != sent[1])
      return "micro-op " + std::to_string(i) + " of txn_ok is " + json::serialize(reply[i]) +
             ", not an answer to " + json::serialize(request[i]);
    const json::value& v = (*got)[2];
    if (sent[0] != "r") {
      if (v != sent[2]) return "micro-op " + std::to_string(i) + " of txn_ok changed the written value";
    } else if (append && !v.is_null() && !v.is_array()) {
      return "micro-op " + std::to_string(i) + " of txn_ok read " + json::serialize(v) + ", not a list";
    }
  }
  return std::nullopt;
}

}  // namespace

TxnWorkload::TxnWorkload(const WorkloadContext& context, bool append)
    : append_(append),
      consistency_model_(context.params.contains("consistency_model")
                             ? param_string(context.params, "consistency_model")
                             : std::string("strict-serializable")),
      generator_(generator_options(context.params, append)) {}

std::optional<Invocation> TxnWorkload::next(const ClientSlot&, history::Rng& rng) {
  return Invocation{"txn", generator_.next(rng)};
}

json::object TxnWorkload::encode(const Invocation& op) const { return {{"type", "txn"}, {"txn", op.value}}; }

Outcome TxnWorkload::decode(const Invocation& op, const json::object& reply) const {
  if (auto bad = check_reply(reply, "txn_ok", {{"txn", JsonKind::Array}})) return schema_violation(*bad);
  const auto& txn = reply.at("txn").as_array();
  if (auto bad = mismatch(op.value.as_array(), txn, append_)) return schema_violation(*bad);
  return {history::OpType::Ok, txn, nullptr};
}

std::vector<CheckerSpec> TxnWorkload::default_checkers() const {
  return {{append_ ? "list-append" : "rw-register", {{"consistency_model", consistency_model_}}},
          {"stats", {}}};
}

std::vector<ParamSpec> TxnWorkload::param_specs() {
  const checkers::elle::TxnGeneratorOptions d;
  std::vector<std::string> models = checkers::elle::model_names();
  return {
      {"key_count",
       ParamKind::Int,
       d.key_count,
       "active keys at a time (exponential popularity)",
       {},
       1,
       1e6},
      {"min_txn_length", ParamKind::Int, d.min_length, "fewest micro-ops per transaction", {}, 1, 1e4},
      {"max_txn_length", ParamKind::Int, d.max_length, "most micro-ops per transaction", {}, 1, 1e4},
      {"max_writes_per_key",
       ParamKind::Int,
       d.max_writes_per_key,
       "values written to a key before it is replaced by a fresh one",
       {},
       1,
       1e9},
      {"consistency_model", ParamKind::Enum, "strict-serializable",
       "the model the default checker holds the history to", models},
  };
}

}  // namespace faultline::workloads
