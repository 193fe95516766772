// `nemesis:` — the fault schedule: at/for, every/for/jitter, random pools.
#include "harness/scenario/duration.hpp"
#include "harness/scenario/readers.hpp"
#include "harness/scenario/sections.hpp"
#include "nemesis/fault_kinds.hpp"

namespace faultline::harness {

namespace {

const std::string kEntryForms =
    "{at, for, fault}, {every, for, jitter, fault}, or {random: {pool, interval, for, "
    "max_concurrent}}";

// `restart` is instantaneous; every other fault needs a window to last.
Nanos read_window(const MapView& map, const std::optional<FaultSpec>& fault, const SectionContext& ctx) {
  const auto* kind = fault ? nemesis::find_fault_kind(fault->kind) : nullptr;
  const bool instant = kind && kind->instant;
  const DocNode* window = instant ? map.get("for") : map.require("for");
  if (!window) return Nanos{0};
  auto d = read_duration(*window, map.path_of("for"), ctx.diag, instant ? Nanos{0} : Nanos{1});
  return d.value_or(Nanos{0});
}

void warn_if_late(const DocNode& where, const std::string& path, Nanos start, const SectionContext& ctx) {
  if (ctx.time_limit > Nanos{0} && start >= ctx.time_limit) {
    ctx.diag.warning(where.loc, path + " starts at " + format_duration(start) + ", at or after time_limit " +
                                    format_duration(ctx.time_limit) + "; it will never run");
  }
}

std::optional<ScheduleEntry> read_random(const DocNode& node, const std::string& path,
                                         const SectionContext& ctx) {
  MapView map(node, path, {"pool", "interval", "for", "max_concurrent"}, ctx.diag);
  if (!map.ok()) return std::nullopt;
  const std::size_t errors_before = ctx.diag.error_count();
  ScheduleEntry entry;
  entry.kind = ScheduleEntry::Kind::Random;
  if (const DocNode* pool = map.require("pool")) {
    if (!pool->is_sequence() || pool->items.empty()) {
      ctx.diag.error(pool->loc,
                     map.path_of("pool") + " must be a non-empty list of faults, got " + pool->describe(),
                     "[{type: partition, shape: isolate}, {type: pause, targets: minority}]");
    } else {
      for (std::size_t i = 0; i < pool->items.size(); ++i) {
        if (auto fault =
                parse_fault(pool->items[i], map.path_of("pool") + "[" + std::to_string(i) + "]", ctx))
          entry.pool.push_back(std::move(*fault));
      }
    }
  }
  if (const DocNode* interval = map.require("interval")) {
    if (auto r = read_duration_range(*interval, map.path_of("interval"), ctx.diag)) {
      if (r->second <= Nanos{0}) {
        ctx.diag.error(interval->loc, map.path_of("interval") + " must allow a positive wait",
                       "a range such as 2s..6s");
      }
      entry.interval_min = r->first;
      entry.interval_max = r->second;
    }
  }
  if (const DocNode* window = map.require("for")) {
    if (auto r = read_duration_range(*window, map.path_of("for"), ctx.diag)) {
      entry.for_min = r->first;
      entry.for_max = r->second;
    }
  }
  if (const DocNode* max = map.get("max_concurrent")) {
    if (auto n = read_int(*max, map.path_of("max_concurrent"), 1, 1000, ctx.diag))
      entry.max_concurrent = static_cast<int>(*n);
  }
  if (ctx.diag.error_count() != errors_before) return std::nullopt;
  return entry;
}

std::optional<ScheduleEntry> read_entry(const DocNode& node, const std::string& path,
                                        const SectionContext& ctx) {
  if (!node.is_map()) {
    ctx.diag.error(node.loc, path + " must be a schedule entry, got " + node.describe(), kEntryForms);
    return std::nullopt;
  }
  if (const DocNode* random = node.find("random")) {
    MapView map(node, path, {"random"}, ctx.diag);
    auto entry = read_random(*random, path + ".random", ctx);
    if (entry) entry->where = node.loc.str();
    return entry;
  }
  const bool every = node.find("every") != nullptr;
  if (!every && !node.find("at")) {
    ctx.diag.error(node.loc, path + " says neither when (at, every) nor random", kEntryForms);
    return std::nullopt;
  }
  const std::size_t errors_before = ctx.diag.error_count();
  MapView map(node, path,
              every ? std::vector<std::string>{"every", "for", "jitter", "fault"}
                    : std::vector<std::string>{"at", "for", "fault"},
              ctx.diag);
  ScheduleEntry entry;
  entry.where = node.loc.str();
  std::optional<FaultSpec> fault;
  if (const DocNode* f = map.require("fault")) fault = parse_fault(*f, map.path_of("fault"), ctx);
  if (fault) entry.fault = *fault;
  entry.duration = read_window(map, fault, ctx);

  if (every) {
    entry.kind = ScheduleEntry::Kind::Every;
    const DocNode* period = map.get("every");
    if (auto d = read_duration(*period, map.path_of("every"), ctx.diag, Nanos{1})) {
      entry.every = *d;
      if (entry.duration >= entry.every) {
        ctx.diag.error(map.get("for") ? map.get("for")->loc : node.loc,
                       map.path_of("for") + " (" + format_duration(entry.duration) +
                           ") must be shorter than every (" + format_duration(entry.every) + ")",
                       "for < every, so one window ends before the next starts");
      }
      warn_if_late(*period, map.path_of("every"), entry.every, ctx);
    }
    if (const DocNode* jitter = map.get("jitter")) {
      if (auto j = read_duration(*jitter, map.path_of("jitter"), ctx.diag)) {
        entry.jitter = *j;
        if (entry.every > Nanos{0} && entry.jitter >= entry.every) {
          ctx.diag.error(jitter->loc,
                         map.path_of("jitter") + " (" + format_duration(entry.jitter) +
                             ") must be shorter than every (" + format_duration(entry.every) + ")",
                         "0 <= jitter < every");
        }
      }
    }
  } else {
    entry.kind = ScheduleEntry::Kind::At;
    const DocNode* at = map.get("at");
    if (auto d = read_duration(*at, map.path_of("at"), ctx.diag)) {
      entry.at = *d;
      warn_if_late(*at, map.path_of("at"), entry.at, ctx);
    }
  }
  if (ctx.diag.error_count() != errors_before) return std::nullopt;
  return entry;
}

}  // namespace

std::vector<ScheduleEntry> parse_nemesis(const DocNode& node, const SectionContext& ctx) {
  std::vector<ScheduleEntry> out;
  if (node.is_null()) return out;
  if (!node.is_sequence()) {
    ctx.diag.error(node.loc, "nemesis must be a list of schedule entries, got " + node.describe(),
                   kEntryForms);
    return out;
  }
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    if (auto entry = read_entry(node.items[i], "nemesis[" + std::to_string(i) + "]", ctx))
      out.push_back(std::move(*entry));
  }
  return out;
}

}  // namespace faultline::harness
