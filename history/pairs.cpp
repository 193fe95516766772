#include "history/pairs.hpp"

#include <unordered_map>

namespace faultline::history {

namespace {

// Calls on_pair(invoke_pos, completion_pos) for every matched pair. A second
// invoke on a process whose previous invoke is still open (a malformed
// history) supersedes it; the earlier one then counts as never completed.
template <typename F>
void for_each_pair(const History& history, F&& on_pair) {
  std::unordered_map<std::int64_t, std::int64_t> open;  // process -> invoke position
  open.reserve(64);
  for (std::size_t i = 0; i < history.size(); ++i) {
    const Op& op = history[i];
    if (op.process == kNemesisProcess) continue;
    if (op.type == OpType::Invoke) {
      open[op.process] = static_cast<std::int64_t>(i);
      continue;
    }
    auto it = open.find(op.process);
    if (it == open.end()) continue;
    on_pair(it->second, static_cast<std::int64_t>(i));
    open.erase(it);
  }
}

}  // namespace

std::vector<std::int64_t> completion_of(const History& history) {
  std::vector<std::int64_t> out(history.size(), -1);
  for_each_pair(history, [&](std::int64_t inv, std::int64_t comp) { out[inv] = comp; });
  return out;
}

std::vector<std::int64_t> invocation_of(const History& history) {
  std::vector<std::int64_t> out(history.size(), -1);
  for_each_pair(history, [&](std::int64_t inv, std::int64_t comp) { out[comp] = inv; });
  return out;
}

}  // namespace faultline::history
