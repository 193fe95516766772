#pragma once
// Maelstrom's txn-list-append and txn-rw-register: each op is one
// transaction of micro-ops, sent whole.
//
// Wire: txn{txn:[[f,k,v]...]} -> txn_ok{txn:[[f,k,v]...]}, f one of "r" and
// "append" (list-append) or "r" and "w" (rw-register); reads go out with
// v = null and come back with the list (or null) / the value (or null);
// appends and writes come back unchanged. Error 30 (txn-conflict) and the
// other definite codes fail the op; anything else leaves it indeterminate.
// History: f "txn", value the micro-ops (reads null on invoke, filled on ok).
// Generator: Elle's (checkers/elle/txn_generator.hpp). No final phase: the
// anomaly checker needs none. Default checkers: list-append or rw-register
// against `consistency_model`, and stats.
#include "checkers/elle/txn_generator.hpp"
#include "workloads/params.hpp"
#include "workloads/workload.hpp"

namespace faultline::workloads {

class TxnWorkload : public Workload {
 public:
  TxnWorkload(const WorkloadContext& context, bool append);

  std::optional<Invocation> next(const ClientSlot& client, history::Rng& rng) override;
  boost::json::object encode(const Invocation& op) const override;
  Outcome decode(const Invocation& op, const boost::json::object& reply) const override;
  std::vector<CheckerSpec> default_checkers() const override;

  static std::vector<ParamSpec> param_specs();

 private:
  bool append_;
  std::string consistency_model_;
  checkers::elle::TxnGenerator generator_;
};

}  // namespace faultline::workloads
