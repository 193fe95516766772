#include "checkers/linearizability/shrunk_read.hpp"

#include <algorithm>

#include "checkers/linearizability/prepare.hpp"

namespace faultline::checkers::lin {
namespace {

constexpr std::size_t kAnchors = 8;
constexpr std::size_t kMaxResets = 256;

}  // namespace

ShrunkRead find_shrunk_read(const std::vector<SearchOp>& ops, CompiledModel& model,
                            const SearchControl& control) {
  ShrunkRead out;
  const auto n = static_cast<std::int32_t>(ops.size());
  if (!model.grows()) return out;

  // The state an op pins right after it takes effect: a get's value, a
  // put's; -1 for an op that pins nothing (an append) or did not complete.
  auto pinned = [&](std::int32_t i) -> std::int32_t {
    if (ops[i].ret == kNever) return -1;
    const std::int32_t cls = ops[i].cls;
    return model.read_only(cls) ? model.only_legal_in(cls)
           : model.resets(cls)  ? model.always_leaves(cls)
                                : -1;
  };
  std::vector<std::int32_t> anchors, gets, resets;
  for (std::int32_t i = 0; i < n; ++i) {
    const std::int32_t cls = ops[i].cls;
    if (pinned(i) >= 0) anchors.push_back(i);
    if (ops[i].ret != kNever && model.read_only(cls) && model.only_legal_in(cls) >= 0) gets.push_back(i);
    if (model.resets(cls)) resets.push_back(i);  // by call, as ops are
  }
  std::sort(anchors.begin(), anchors.end(),
            [&](std::int32_t a, std::int32_t b) { return ops[a].ret < ops[b].ret; });
  std::sort(gets.begin(), gets.end(),
            [&](std::int32_t a, std::int32_t b) { return ops[a].ret < ops[b].ret; });

  std::uint64_t polls = 0;
  for (std::int32_t g2 : gets) {
    if ((++polls & 255) == 0 && control.stopped()) break;
    const std::int32_t v2 = model.only_legal_in(ops[g2].cls);
    // The anchors that returned last before g2 was invoked.
    auto end = std::lower_bound(anchors.begin(), anchors.end(), ops[g2].call,
                                [&](std::int32_t a, std::int64_t call) { return ops[a].ret < call; });
    const auto begin = end - std::min<std::ptrdiff_t>(end - anchors.begin(), kAnchors);
    // Puts that may fall before g2: invoked before it returned.
    const auto last_reset =
        std::lower_bound(resets.begin(), resets.end(), ops[g2].ret,
                         [&](std::int32_t p, std::int64_t ret) { return ops[p].call <= ret; });
    if (last_reset - resets.begin() > static_cast<std::ptrdiff_t>(kMaxResets)) continue;
    for (auto a = begin; a != end; ++a) {
      const std::int32_t g1 = *a;
      ++out.steps;
      if (g1 == g2 || model.grows_to(pinned(g1), v2)) continue;
      std::vector<std::int32_t> between;
      bool grows = false;
      for (auto p = resets.begin(); p != last_reset && !grows; ++p) {
        ++out.steps;
        if (*p == g1 || ops[*p].ret < ops[g1].call) continue;  // a crashed put's (kNever) never is
        const std::int32_t to = model.always_leaves(ops[*p].cls);
        grows = to < 0 || model.grows_to(to, v2);
        between.push_back(*p);
      }
      if (grows) continue;
      out.stuck = g2;
      out.before = g1;
      out.resets = std::move(between);
      return out;
    }
  }
  return out;
}

}  // namespace faultline::checkers::lin
