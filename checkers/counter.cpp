#include "checkers/counter.hpp"

#include <stdexcept>
#include <unordered_map>

#include "checkers/evidence.hpp"
#include "checkers/evidence_schema.hpp"
#include "checkers/interval_set.hpp"
#include "history/json_fields.hpp"
#include "history/json_list.hpp"
#include "history/pairs.hpp"

namespace faultline::checkers {

namespace json = boost::json;
using history::Op;
using history::OpType;

namespace {

constexpr std::size_t kRangesShown = 8;
constexpr std::size_t kInfoAddsShown = 5;

std::int64_t delta_of(const Op& op) {
  try {
    return history::detail::integer_field(op.value, "value");
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument("add op " + std::to_string(op.index) + ": " + e.what());
  }
}

// Running sums of add deltas, split by sign so that bounds work for pn-counters.
struct Sums {
  std::int64_t pos = 0, neg = 0, count = 0;
  void add(std::int64_t d) {
    if (d > 0)
      pos = checked_add(pos, d);
    else
      neg = checked_add(neg, d);
    ++count;
  }
};

}  // namespace

CheckResult CounterChecker::check(const history::History& history) const {
  const auto completion = history::completion_of(history);
  const auto invocation = history::invocation_of(history);

  // Totals over the whole history (for final reads and the summary).
  std::int64_t ok_sum = 0, info_sum = 0;
  std::size_t ok_adds = 0, info_adds = 0, fail_adds = 0;
  IntervalSet optional;
  json::array first_info;
  std::vector<std::size_t> ok_reads, final_reads;
  for (std::size_t i = 0; i < history.size(); ++i) {
    const Op& op = history[i];
    if (op.process == history::kNemesisProcess) continue;
    if (op.f == "add" && op.type == OpType::Invoke) {
      const std::int64_t d = delta_of(op);
      const std::int64_t c = completion[i];
      const OpType outcome = c >= 0 ? history[static_cast<std::size_t>(c)].type : OpType::Info;
      if (outcome == OpType::Ok) {
        ++ok_adds;
        ok_sum = checked_add(ok_sum, d);
      } else if (outcome == OpType::Fail) {
        ++fail_adds;
      } else {
        ++info_adds;
        info_sum = checked_add(info_sum, d);
        optional.add_optional(d);
        if (first_info.size() < kInfoAddsShown) first_info.push_back(op_evidence(op));
      }
    } else if (op.f == "read" && op.type == OpType::Ok) {
      ok_reads.push_back(i);
      if (op.final) final_reads.push_back(i);
    }
  }
  IntervalSet acceptable = optional;
  acceptable.shift(ok_sum);

  CheckResult r;
  json::object& d = r.details;
  d["ok-add-count"] = ok_adds;
  d["ok-add-sum"] = ok_sum;
  d["info-add-count"] = info_adds;
  d["info-add-sum"] = info_sum;
  d["fail-add-count"] = fail_adds;
  d["read-count"] = ok_reads.size();
  d["final-read-count"] = final_reads.size();
  d["acceptable-count"] = acceptable.intervals().size();
  d["acceptable"] = acceptable.to_json(kDetailCap);
  if (acceptable.approximate()) d["acceptable-approximate"] = true;

  CappedList errors;
  auto bad_read = [&](const Op& op, const char* reason, json::array ranges, json::object adds) {
    if (!errors.wants_more()) return errors.count_only();
    errors.add(json::object{{"read", op_evidence(op)},
                            {"value", op.value},
                            {"reason", reason},
                            {"acceptable", std::move(ranges)},
                            {"adds", std::move(adds)}});
  };

  if (!final_reads.empty()) {
    d["checked"] = "final-reads";
    const json::object adds{{"ok-count", ok_adds},
                            {"ok-sum", ok_sum},
                            {"info-count", info_adds},
                            {"info-sum", info_sum},
                            {"first-info-adds", first_info}};
    for (std::size_t i : final_reads) {
      const Op& op = history[i];
      if (!op.value.is_int64() && !op.value.is_uint64()) {
        bad_read(op, "not an integer", acceptable.to_json(kRangesShown), adds);
      } else if (op.value.is_uint64() || !acceptable.contains(op.value.get_int64())) {
        bad_read(op, "outside the acceptable sums", acceptable.to_json(kRangesShown), adds);
      }
    }
  } else {
    d["checked"] = "all-reads";
    // One sweep: `done` holds ok adds completed so far, `tried` the non-failed
    // adds invoked so far; a read is judged with `done` as of its invocation
    // and `tried` as of its completion.
    Sums done, tried;
    std::unordered_map<std::int64_t, Sums> done_at_invoke;  // process -> sums when its read was invoked
    for (std::size_t i = 0; i < history.size(); ++i) {
      const Op& op = history[i];
      if (op.process == history::kNemesisProcess) continue;
      if (op.f == "add") {
        if (op.type == OpType::Invoke) {
          const std::int64_t c = completion[i];
          if (c < 0 || history[static_cast<std::size_t>(c)].type != OpType::Fail) tried.add(delta_of(op));
        } else if (op.type == OpType::Ok) {
          // The delta is the invoke's (a reply need not repeat it); an ok with
          // no invoke was not counted in the totals either.
          if (invocation[i] < 0) continue;
          const Op& inv = history[static_cast<std::size_t>(invocation[i])];
          done.add(delta_of(inv));
        }
      } else if (op.f == "read") {
        if (op.type == OpType::Invoke) {
          done_at_invoke[op.process] = done;
        } else if (op.type == OpType::Ok) {
          auto it = done_at_invoke.find(op.process);
          const Sums before = it != done_at_invoke.end() ? it->second : Sums{};
          const std::int64_t lo = checked_add(before.pos, tried.neg);
          const std::int64_t hi = checked_add(before.neg, tried.pos);
          json::object adds{{"definite-count", before.count},
                            {"definite-sum", checked_add(before.pos, before.neg)},
                            {"possible-count", tried.count - before.count},
                            {"possible-positive-sum", tried.pos - before.pos},
                            {"possible-negative-sum", tried.neg - before.neg}};
          const bool integral = op.value.is_int64();
          if (!integral || op.value.get_int64() < lo || op.value.get_int64() > hi)
            bad_read(op, integral ? "outside [lo, hi]" : "not an integer",
                     history::list_of_one(json::array{lo, hi}), std::move(adds));
        }
      }
    }
  }
  errors.put(d, "errors");
  declare_evidence(
      d, {errors_field("errors", "Bad reads",
                       "reads outside every value the counter could have held (acceptable ranges).")});

  if (!errors.empty()) {
    r.verdict = Verdict::Invalid;
    d["reason"] = std::to_string(errors.count()) + " reads returned a value no set of adds explains";
  } else if (ok_reads.empty()) {
    r.verdict = Verdict::Unknown;
    d["reason"] = "no read succeeded, so the counter was never observed";
  } else {
    r.verdict = Verdict::Valid;
  }
  return r;
}

}  // namespace faultline::checkers
