#include "history/pairs.hpp"

#include <unordered_map>

namespace faultline::history {

Pairing pair_ops(const History& history) {
  Pairing out;
  out.pairs.reserve(history.size() / 2 + 1);
  std::unordered_map<std::int64_t, std::size_t> open;  // process -> index into out.pairs
  open.reserve(64);
  for (std::size_t i = 0; i < history.size(); ++i) {
    const Op& op = history[i];
    if (op.process == kNemesisProcess) continue;
    if (op.type == OpType::Invoke) {
      auto [it, fresh] = open.try_emplace(op.process, out.pairs.size());
      if (!fresh) {
        out.issues.push_back({PairIssueKind::Reinvoked, i, out.pairs[it->second].invoke});
        it->second = out.pairs.size();
      }
      out.pairs.push_back(OpPair{i, -1, op.process});
      continue;
    }
    auto it = open.find(op.process);
    if (it == open.end()) {
      out.issues.push_back({PairIssueKind::Orphan, i, i});
      continue;
    }
    OpPair& pair = out.pairs[it->second];
    if (history[pair.invoke].f != op.f) out.issues.push_back({PairIssueKind::DifferentF, i, pair.invoke});
    pair.completion = static_cast<std::int64_t>(i);
    open.erase(it);
  }
  return out;
}

std::string describe(const PairIssue& issue, const History& history) {
  const Op& op = history[issue.position];
  switch (issue.kind) {
    case PairIssueKind::Reinvoked:
      return "process " + std::to_string(op.process) + " invoked again while its op at history entry " +
             std::to_string(issue.other) + " is still pending";
    case PairIssueKind::Orphan:
      return "completion without a pending invocation";
    case PairIssueKind::DifferentF:
      return "completes '" + history[issue.other].f + "' invoked at entry " + std::to_string(issue.other) +
             " with a different f";
  }
  return "bad pairing";
}

std::vector<std::int64_t> completion_of(const History& history) {
  std::vector<std::int64_t> out(history.size(), -1);
  for (const OpPair& p : pair_ops(history).pairs) out[p.invoke] = p.completion;
  return out;
}

std::vector<std::int64_t> invocation_of(const History& history) {
  std::vector<std::int64_t> out(history.size(), -1);
  for (const OpPair& p : pair_ops(history).pairs)
    if (p.completion >= 0) out[static_cast<std::size_t>(p.completion)] = static_cast<std::int64_t>(p.invoke);
  return out;
}

}  // namespace faultline::history
