#include "harness/report/op_pairs.hpp"

#include <algorithm>
#include <unordered_map>

namespace faultline::harness::report {

const char* outcome_name(Outcome o) {
  switch (o) {
    case Outcome::Ok:
      return "ok";
    case Outcome::Fail:
      return "fail";
    case Outcome::Info:
      return "info";
    case Outcome::Pending:
      return "pending";
  }
  return "pending";
}

std::int64_t history_end(const history::History& history) {
  std::int64_t end = 0;
  for (const auto& op : history) end = std::max(end, op.time);
  return end;
}

std::vector<OpPair> pair_ops(const history::History& history) {
  std::vector<OpPair> pairs;
  pairs.reserve(history.size() / 2 + 1);
  // A process has at most one op in flight (Jepsen's rule), so the open op of
  // a process is the one a completion closes.
  std::unordered_map<std::int64_t, std::size_t> open;
  const std::int64_t end = history_end(history);
  for (std::size_t i = 0; i < history.size(); ++i) {
    const auto& op = history[i];
    if (op.process == history::kNemesisProcess) continue;
    if (op.type == history::OpType::Invoke) {
      OpPair p;
      p.invoke = i;
      p.start = op.time;
      p.end = end;
      p.process = op.process;
      open[op.process] = pairs.size();
      pairs.push_back(p);
      continue;
    }
    auto it = open.find(op.process);
    if (it == open.end()) continue;  // completion without invoke: nothing to draw
    OpPair& p = pairs[it->second];
    p.completion = static_cast<std::int64_t>(i);
    p.end = std::max(op.time, p.start);
    p.outcome = op.type == history::OpType::Ok     ? Outcome::Ok
                : op.type == history::OpType::Fail ? Outcome::Fail
                                                   : Outcome::Info;
    open.erase(it);
  }
  return pairs;
}

}  // namespace faultline::harness::report
