#include "history/pairs.hpp"

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace faultline::history {
namespace {

// Which pair each process has open. Processes are almost always small
// non-negative ints (Jepsen's, ours): those get a slot each, so pairing
// allocates nothing per op, which on a short history was most of what
// checking it cost. Any other id goes to a map.
class OpenPairs {
 public:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  static constexpr std::uint32_t kFree = UINT32_MAX;

  std::size_t find(std::int64_t process) const {
    if (dense(process)) {
      const auto p = static_cast<std::size_t>(process);
      return p < slots_.size() && slots_[p] != kFree ? slots_[p] : kNone;
    }
    auto it = sparse_.find(process);
    return it == sparse_.end() ? kNone : it->second;
  }

  void set(std::int64_t process, std::size_t pair) {
    if (!dense(process)) {
      sparse_[process] = pair;
      return;
    }
    const auto p = static_cast<std::size_t>(process);
    if (p >= slots_.size()) slots_.resize(std::max<std::size_t>(p + 1, 2 * slots_.size()), kFree);
    slots_[p] = static_cast<std::uint32_t>(pair);
  }

  void erase(std::int64_t process) {
    if (dense(process)) {
      slots_[static_cast<std::size_t>(process)] = kFree;
    } else {
      sparse_.erase(process);
    }
  }

 private:
  static constexpr std::int64_t kDenseLimit = 1 << 20;
  static bool dense(std::int64_t process) { return process >= 0 && process < kDenseLimit; }

  std::vector<std::uint32_t> slots_;  // kFree: nothing open
  std::unordered_map<std::int64_t, std::size_t> sparse_;
};

}  // namespace

Pairing pair_ops(const History& history) {
  Pairing out;
  out.pairs.reserve(history.size() / 2 + 1);
  OpenPairs open;  // process -> index into out.pairs
  for (std::size_t i = 0; i < history.size(); ++i) {
    const Op& op = history[i];
    if (op.process == kNemesisProcess) continue;
    if (op.type == OpType::Invoke) {
      const std::size_t was = open.find(op.process);
      if (was != OpenPairs::kNone) out.issues.push_back({PairIssueKind::Reinvoked, i, out.pairs[was].invoke});
      open.set(op.process, out.pairs.size());
      out.pairs.push_back(OpPair{i, -1, op.process});
      continue;
    }
    const std::size_t at = open.find(op.process);
    if (at == OpenPairs::kNone) {
      out.issues.push_back({PairIssueKind::Orphan, i, i});
      continue;
    }
    OpPair& pair = out.pairs[at];
    if (history[pair.invoke].f != op.f) out.issues.push_back({PairIssueKind::DifferentF, i, pair.invoke});
    pair.completion = static_cast<std::int64_t>(i);
    open.erase(op.process);
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
