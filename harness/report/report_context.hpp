#pragma once
// What every section of a run report draws from: the history, its op pairs,
// the fault windows, and the set of ops already shown as evidence (the
// timeline outlines them).
#include <boost/json.hpp>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "harness/report/fault_windows.hpp"
#include "harness/report/op_pairs.hpp"
#include "history/op.hpp"

namespace faultline::harness::report {

struct ReportContext {
  ReportContext(const history::History& h, const std::vector<OpPair>& p, const std::vector<FaultWindow>& f,
                std::int64_t end);

  const history::History& history;
  const std::vector<OpPair>& pairs;
  const std::vector<FaultWindow>& faults;
  std::int64_t end_ns;
  std::unordered_map<std::int64_t, std::size_t> position_of_index;  // op "index" -> history position
  std::unordered_map<std::size_t, std::size_t> pair_of_position;    // invoke/completion position -> pair

  std::unordered_set<std::size_t> evidence;  // history positions shown as evidence
  std::int64_t first_evidence = -1;          // earliest of them, -1 if none

  void note_evidence(std::size_t position);
  // History position of an op-like JSON object or an op index; -1 if unknown.
  std::int64_t resolve(const boost::json::value& op_or_index) const;
};

// An object that looks like a history op: it has a type and an f or process.
bool is_op_like(const boost::json::value& v);

// A table of ops, one row each; notes them as evidence. `json_ops` are
// op-like objects not found in the history (rendered from their JSON).
std::string op_table(ReportContext& ctx, const std::vector<std::size_t>& positions,
                     const std::vector<const boost::json::value*>& json_ops = {},
                     const std::vector<std::string>& row_labels = {});

}  // namespace faultline::harness::report
