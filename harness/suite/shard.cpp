#include "harness/suite/shard.hpp"

#include <algorithm>
#include <charconv>

#include "harness/suite/suite_spec.hpp"

namespace faultline::harness::suite {

namespace {
int whole(std::string_view s) {
  int v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && end == s.data() + s.size() && !s.empty() ? v : -1;
}
}  // namespace

Shard parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  const int index = slash == std::string::npos ? -1 : whole(std::string_view(text).substr(0, slash));
  const int count = slash == std::string::npos ? -1 : whole(std::string_view(text).substr(slash + 1));
  if (index < 1 || count < 1 || index > count || count > 10000)
    throw SuiteError("--shard '" + text + "' is not I/N with 1 <= I <= N <= 10000 (e.g. --shard 2/4)");
  return {index, count};
}

void keep_shard(SuitePlan& plan, const Shard& shard) {
  if (shard.count == 0) return;
  std::erase_if(plan.runs, [&](const RunRequest& r) {
    return static_cast<int>(r.ordinal % static_cast<std::size_t>(shard.count)) != shard.index - 1;
  });
}

}  // namespace faultline::harness::suite
