#include "nemesis/schedule.hpp"

#include <algorithm>
#include <random>
#include <stdexcept>
#include <tuple>

#include "history/seed.hpp"
#include "nemesis/fault_kinds.hpp"
#include "nemesis/fault_resolve.hpp"

namespace faultline::nemesis {

namespace {

// A guard against `every: 1us` or a random interval like 0..1ns turning the
// timeline into millions of windows (issue 9.11: expanding them ran out of
// memory); no real scenario comes near it. It bounds the whole timeline.
constexpr std::size_t kMaxWindows = 100000;

std::string with_commas(std::uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

struct Window {
  Nanos start{0};
  Nanos stop{0};
  std::size_t entry = 0;
  std::size_t seq = 0;  // order within the entry, to break start-time ties
  FaultEvent fault;     // resolved; at/started/fault_id set at the end
};

std::string where_of(const ScheduleEntry& entry, const FaultSpec* fault) {
  if (fault && !fault->where.empty()) return fault->where;
  if (!entry.where.empty()) return entry.where;
  return "nemesis schedule";
}

[[noreturn]] void fail(const std::string& where, const std::string& what) {
  throw std::invalid_argument(where + ": " + what);
}

// How long a window of this fault lasts, given the entry's `for`.
Nanos window_length(const FaultSpec& fault, Nanos duration) {
  const FaultKind& kind = fault_kind(fault.kind);
  if (kind.instant) return Nanos{0};
  if (kind.has(FaultParam::RestartAfter) && fault.restart_after) return *fault.restart_after;
  return duration;
}

// Only restart may last no time: a zero-length partition or kill is a
// schedule mistake, not a fault.
void require_length(const ScheduleEntry& entry, const FaultSpec& fault, Nanos length) {
  const FaultKind& kind = fault_kind(fault.kind);
  if (kind.instant) return;
  if (length.count() <= 0)
    fail(where_of(entry, &fault),
         fault.kind + " window must last longer than 0 (set `for`" +
             std::string(kind.has(FaultParam::RestartAfter) ? " or `restart_after`" : "") + ")");
}

Nanos uniform(history::Rng& rng, Nanos lo, Nanos hi) {
  if (hi <= lo) return lo;
  return Nanos{std::uniform_int_distribution<std::int64_t>(lo.count(), hi.count())(rng)};
}

class Expander {
 public:
  Expander(const std::vector<std::string>& nodes, Nanos time_limit) : nodes_(nodes), limit_(time_limit) {}

  void expand(const ScheduleEntry& entry, std::size_t index, history::Rng& rng) {
    switch (entry.kind) {
      case ScheduleEntry::Kind::At:
        at(entry, index, rng);
        break;
      case ScheduleEntry::Kind::Every:
        every(entry, index, rng);
        break;
      case ScheduleEntry::Kind::Random:
        random(entry, index, rng);
        break;
    }
  }

  std::vector<Window>& windows() { return windows_; }

 private:
  // Resolves the fault even when the window falls past the limit, so a
  // shorter --time-limit never shifts the draws of the windows that remain.
  bool add(const ScheduleEntry& entry, std::size_t index, std::size_t seq, const FaultSpec& fault,
           Nanos start, Nanos length, history::Rng& rng) {
    Window w;
    try {
      w.fault = resolve_fault(fault, nodes_, rng);
    } catch (const std::invalid_argument& e) {
      fail(where_of(entry, &fault), e.what());
    }
    if (start >= limit_) return false;
    if (windows_.size() == kMaxWindows)
      fail(where_of(entry, nullptr), "the nemesis schedule would open more than " + with_commas(kMaxWindows) +
                                         " fault windows before the time limit; open fewer");
    w.start = start;
    w.stop = std::min(start + length, limit_);
    w.entry = index;
    w.seq = seq;
    windows_.push_back(std::move(w));
    return true;
  }

  void at(const ScheduleEntry& entry, std::size_t index, history::Rng& rng) {
    const Nanos length = window_length(entry.fault, entry.duration);
    require_length(entry, entry.fault, length);
    if (entry.at.count() < 0) fail(where_of(entry, nullptr), "`at` must not be negative");
    add(entry, index, 0, entry.fault, entry.at, length, rng);
  }

  void every(const ScheduleEntry& entry, std::size_t index, history::Rng& rng) {
    const std::string where = where_of(entry, nullptr);
    if (entry.every.count() <= 0) fail(where, "`every` must be longer than 0");
    if (entry.jitter.count() < 0) fail(where, "`jitter` must not be negative");
    if (entry.at.count() < 0) fail(where, "`at` must not be negative");
    const Nanos length = window_length(entry.fault, entry.duration);
    require_length(entry, entry.fault, length);
    // Counted before expanding: 10 million windows would exhaust memory first.
    if (entry.at < limit_) {
      const auto windows = static_cast<std::uint64_t>((limit_ - entry.at).count() - 1) /
                               static_cast<std::uint64_t>(entry.every.count()) +
                           1;
      if (windows > kMaxWindows)
        fail(where, "`every: " + format_duration(entry.every) + "` would open " + with_commas(windows) +
                        " fault windows before the time limit " + format_duration(limit_) + " (at most " +
                        with_commas(kMaxWindows) + "); lengthen `every` or shorten the run");
    }
    std::size_t seq = 0;
    for (Nanos base = entry.at; base < limit_; base += entry.every, ++seq) {
      const Nanos jitter = uniform(rng, -entry.jitter, entry.jitter);
      add(entry, index, seq, entry.fault, std::max(Nanos{0}, base + jitter), length, rng);
    }
  }

  void random(const ScheduleEntry& entry, std::size_t index, history::Rng& rng) {
    const std::string where = where_of(entry, nullptr);
    if (entry.pool.empty()) fail(where, "random schedule has an empty fault pool");
    if (entry.interval_min.count() < 0 || entry.interval_max < entry.interval_min ||
        entry.interval_max.count() <= 0)
      fail(where, "random interval must satisfy 0 <= min <= max and max > 0 (got " +
                      format_duration(entry.interval_min) + ".." + format_duration(entry.interval_max) + ")");
    if (entry.for_min.count() < 0 || entry.for_max < entry.for_min)
      fail(where, "random `for` must satisfy 0 <= min <= max (got " + format_duration(entry.for_min) + ".." +
                      format_duration(entry.for_max) + ")");
    if (entry.max_concurrent < 1) fail(where, "`max_concurrent` must be at least 1");
    if (entry.at.count() < 0) fail(where, "`at` must not be negative");
    // Checked for the shortest possible draw, so a seed never decides
    // whether the scenario is valid.
    for (const auto& fault : entry.pool) require_length(entry, fault, window_length(fault, entry.for_min));

    std::vector<Nanos> active_until;  // stop times of this entry's open windows
    Nanos t = entry.at;
    for (std::size_t seq = 0;; ++seq) {
      t += uniform(rng, entry.interval_min, entry.interval_max);
      auto expire = [&] { std::erase_if(active_until, [&](Nanos stop) { return stop <= t; }); };
      expire();
      if (active_until.size() >= static_cast<std::size_t>(entry.max_concurrent)) {
        t = *std::min_element(active_until.begin(), active_until.end());
        expire();
      }
      if (t >= limit_) break;
      if (seq == kMaxWindows)
        fail(where, "random schedule would open more than " + with_commas(kMaxWindows) +
                        " fault windows before the time limit; lengthen the interval");
      const auto& fault =
          entry.pool[std::uniform_int_distribution<std::size_t>(0, entry.pool.size() - 1)(rng)];
      const Nanos length = window_length(fault, uniform(rng, entry.for_min, entry.for_max));
      if (add(entry, index, seq, fault, t, length, rng)) active_until.push_back(windows_.back().stop);
    }
  }

  const std::vector<std::string>& nodes_;
  Nanos limit_;
  std::vector<Window> windows_;
};

}  // namespace

std::vector<FaultEvent> build_timeline(const std::vector<ScheduleEntry>& entries,
                                       const std::vector<std::string>& nodes, std::uint64_t seed,
                                       Nanos time_limit) {
  const std::uint64_t nemesis_seed = history::derive_seed(seed, "nemesis");
  Expander expander(nodes, time_limit);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    auto rng = history::make_rng(nemesis_seed, "entry-" + std::to_string(i));
    expander.expand(entries[i], i, rng);
  }

  auto& windows = expander.windows();
  std::stable_sort(windows.begin(), windows.end(), [](const Window& a, const Window& b) {
    return std::tie(a.start, a.entry, a.seq) < std::tie(b.start, b.entry, b.seq);
  });

  std::vector<FaultEvent> timeline;
  timeline.reserve(windows.size() * 2);
  int id = 0;
  for (auto& w : windows) {
    FaultEvent start = std::move(w.fault);
    start.fault_id = ++id;
    start.at = start.started = w.start;
    start.start = true;
    FaultEvent stop = start;
    stop.at = w.stop;
    stop.start = false;
    timeline.push_back(std::move(start));
    timeline.push_back(std::move(stop));
  }
  std::sort(timeline.begin(), timeline.end(), timeline_before);
  return timeline;
}

boost::json::array timeline_to_json(const std::vector<FaultEvent>& timeline) {
  boost::json::array out;
  for (const auto& e : timeline) {
    auto o = e.to_json();
    o["at_ns"] = e.at.count();
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace faultline::nemesis
