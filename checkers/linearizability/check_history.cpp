#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <memory>
#include <numeric>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "checkers/evidence_schema.hpp"
#include "checkers/linearizability/check_file.hpp"
#include "checkers/linearizability/compiled_model.hpp"
#include "checkers/linearizability/counterexample.hpp"
#include "checkers/linearizability/prepare.hpp"
#include "checkers/linearizability/refute.hpp"
#include "checkers/linearizability/search.hpp"
#include "checkers/linearizability/unobserved.hpp"

namespace faultline::checkers::lin {
namespace {

namespace json = boost::json;
using Clock = std::chrono::steady_clock;

// Keys listed in details.invalid / details.unknown; the counts cover all, so a
// history of 100,000 bad keys still gives a readable results.json.
constexpr std::size_t kMaxListed = 20;

struct PartitionOutcome {
  bool ran = false;
  SearchResult search;
  std::string error;         // the model or the cache threw
  // When not linearizable; built in its own monotonic resource (counterexample.hpp).
  std::optional<json::object> explanation;
  std::size_t unobserved_dropped = 0;    // crashed ops leaving a value no op reads (unobserved.hpp)
  std::size_t unobserved_rewritten = 0;  // completed ones, which leave one stand-in value
};

std::string status_reason(SearchStatus s, const LinOptions& options) {
  switch (s) {
    case SearchStatus::OutOfTime: {
      std::ostringstream text;  // 10 s, 0.3 s: not std::to_string's 10.000000
      text << "time budget of " << options.time_budget_s << " s exhausted";
      return text.str();
    }
    case SearchStatus::OutOfMemory:
      return "memory budget of " + std::to_string(options.memory_budget_mb) + " MB exhausted";
    case SearchStatus::Cancelled:
      return "not checked: another key was already found not linearizable";
    default:
      return "";
  }
}

Clock::duration window_budget(const SearchControl& control) {
  const auto left = control.deadline - Clock::now();
  return std::max(Clock::duration::zero(),
                  std::min<Clock::duration>(left / 20, std::chrono::milliseconds(250)));
}

// The cheap refutation, then the search in call order (quick on most
// histories); when it does not finish soon, the search again in return order
// (far fewer dead ends when many processes overlap); when that does not
// finish soon either, the window refuter, then that search resumes with the
// rest of the budget.
SearchResult decide(const std::vector<SearchOp>& ops, CompiledModel& compiled, const SearchControl& control,
                    const LinOptions& options, Refutation& refuted) {
  // Below a few hundred ops the search is quicker than building S (each new
  // transition is a JSON model step), and its own counterexample is small:
  // small partitions are left to it, unless the windows are asked first.
  constexpr std::size_t kRefuteFrom = 200;
  const bool windows_first = options.refute && options.steps_before_windows == 0;
  const bool large = ops.size() >= kRefuteFrom;
  SearchControl by_call = control;
  by_call.order = SearchOrder::ByCall;
  SearchControl by_return = control;
  by_return.order = SearchOrder::ByReturn;
  if (options.search_order) by_call.order = by_return.order = *options.search_order;
  by_call.lookahead = by_return.lookahead = large || options.lookahead_always;
  if (options.lookahead_always) by_call.count_after_backtracks = by_return.count_after_backtracks = 0;
  if (!windows_first && !large) return search_partition(ops, compiled, by_call);
  SearchResult none;
  none.status = SearchStatus::NotLinearizable;
  if (options.refute) {
    refuted = refute_partition(ops, compiled, control, windows_first);
    if (refuted.kind != RefutationKind::None) {
      refuted.decided = true;
      return none;
    }
  }
  auto windows = [&] {
    SearchControl limited = control;
    limited.deadline = std::min(control.deadline, Clock::now() + window_budget(control));
    return refute_partition(ops, compiled, limited, true);
  };
  // Known bad: a refuting window, when there is one, is a much smaller
  // counterexample than the search's longest prefix.
  auto with_window = [&](SearchResult r) {
    if (r.status == SearchStatus::NotLinearizable && options.refute) {
      refuted = windows();
      r.steps += refuted.steps;
      refuted.steps = 0;
    }
    return r;
  };
  if (windows_first) return search_partition(ops, compiled, by_call);
  const std::uint64_t n = ops.size();
  by_call.max_steps = 200'000 + 16 * n;
  SearchResult first = search_partition(ops, compiled, by_call);
  if (first.status != SearchStatus::StepLimit) return with_window(first);
  PartitionSearch search(ops, compiled);
  by_return.max_steps = options.steps_before_windows + 64 * n;
  SearchResult r = search.run(by_return);
  if (r.status == SearchStatus::StepLimit && options.refute) {
    // A hard search: the windows may settle it, at a small cost to a valid history.
    refuted = windows();
    if (refuted.kind != RefutationKind::None) {
      refuted.decided = true;
      none.steps = first.steps + r.steps;
      return none;
    }
  }
  if (r.status == SearchStatus::StepLimit) {
    by_return.max_steps = control.max_steps;
    r = search.run(by_return);
  }
  r.steps += first.steps;
  return with_window(r);
}

PartitionOutcome check_partition(const history::History& history, const Partition& whole, const Model& model,
                                 const SearchControl& control, const LinOptions& options) {
  PartitionOutcome out;
  out.ran = true;
  try {
    // Values no op reads (unobserved.hpp): crashed ops leaving one are
    // dropped, completed ones leave one stand-in value for the search. The
    // counterexample still shows each op as it was.
    CompiledModel compiled(model);
    std::vector<std::int32_t> real_cls;  // each op's own class
    real_cls.reserve(whole.ops.size());
    for (const PreparedOp& p : whole.ops) real_cls.push_back(compiled.intern_op(p.op));
    std::vector<std::int32_t> as;
    if (whole.ops.size() >= options.reduce_unobserved_from) as = unobserved_classes(compiled);
    Partition reduced;
    std::vector<SearchOp> ops;
    ops.reserve(whole.ops.size());
    for (std::size_t i = 0; i < whole.ops.size(); ++i) {
      const std::int32_t cls = as.empty() ? real_cls[i] : as[real_cls[i]];
      if (cls == kDropped) {
        if (out.unobserved_dropped++ == 0) reduced.ops.assign(whole.ops.begin(), whole.ops.begin() + i);
        continue;
      }
      out.unobserved_rewritten += cls != real_cls[i] ? 1 : 0;
      if (out.unobserved_dropped) reduced.ops.push_back(whole.ops[i]);
      real_cls[ops.size()] = real_cls[i];
      ops.push_back({whole.ops[i].call, whole.ops[i].ret, cls});
    }
    real_cls.resize(ops.size());
    reduced.key = whole.key;
    const Partition& partition = out.unobserved_dropped ? reduced : whole;
    Refutation refuted;
    out.search = decide(ops, compiled, control, options, refuted);
    out.search.steps += refuted.steps;
    // The search's counterexample in the values the ops really left: the
    // prefix replayed on the ops as they were (just as legal: the stand-in
    // and the values it stands for are alike to every op).
    const json::storage_ptr sp = json::make_shared_resource<json::monotonic_resource>();
    auto explain_search = [&] {
      if (!out.unobserved_rewritten) return explain_partition(history, partition, compiled, ops, out.search, sp);
      std::vector<SearchOp> real_ops = ops;
      for (std::size_t i = 0; i < ops.size(); ++i) real_ops[i].cls = real_cls[i];
      SearchResult shown = out.search;
      shown.longest_states.clear();
      std::int32_t state = compiled.init_state();
      for (std::size_t i = 0; i < shown.longest.size(); ++i) {
        state = compiled.next(state, real_ops[shown.longest[i]].cls);
        if (state == CompiledModel::kIllegal) {
          shown.longest.resize(i);
          break;
        }
        shown.longest_states.push_back(state);
      }
      return explain_partition(history, partition, compiled, real_ops, shown, sp);
    };
    if (out.search.status == SearchStatus::NotLinearizable) {
      if (refuted.kind == RefutationKind::None) {
        out.explanation.emplace(explain_search());
      } else if (refuted.decided) {
        out.explanation.emplace(explain_refutation(history, partition, compiled, refuted, sp));
      } else {
        // The search's explanation, plus the much smaller window that also refutes it.
        out.explanation.emplace(explain_search());
        json::array window(sp);
        for (std::int32_t id : refuted.window) window.push_back(op_json(history, partition, id, model, sp));
        (*out.explanation)["refuting_window"] = std::move(window);
      }
    }
  } catch (const std::exception& e) {
    out.error = e.what();
  }
  return out;
}

// One line for the terminal: the key, the op that cannot take effect, what
// it saw and what was possible there.
std::string counterexample_line(const json::object& bad, std::size_t bad_keys) {
  std::string line;
  if (const auto* key = bad.if_contains("key")) line += "key " + json::serialize(*key) + ": ";
  const auto* op = bad.if_contains("op");
  if (op && op->is_object()) {
    const auto& o = op->get_object();
    line += clipped(std::string(o.at("description").as_string()), 64) + " (process " +
            json::serialize(o.at("process")) + ", op #" + json::serialize(o.at("invoke_index")) +
            ") cannot take effect";
  } else {
    line += "no linearization";
  }
  if (const auto* why = bad.if_contains("why"); why && why->is_string()) {
    line += "; " + std::string(why->get_string());
  } else if (const auto* states = bad.if_contains("possible_states"); states && states->is_array()) {
    std::string possible;
    for (const auto& s : states->get_array())
      possible += (possible.empty() ? "" : ", ") + std::string(s.as_string());
    line += "; possible values: " + possible;
  } else if (const auto* state = bad.if_contains("state"); state && state->is_string()) {
    line += "; the value there could only be " + clipped(std::string(state->get_string()), 64);
  }
  if (bad_keys > 1) line += " (and " + std::to_string(bad_keys - 1) + " more bad keys)";
  return line;
}

}  // namespace

CheckResult check_history(const history::History& history, const LinOptions& options) {
  auto started = Clock::now();
  CheckResult result;
  auto& d = result.details;
  d.reserve(40);  // every key below at once: on a short history the regrowth was a tenth of the check
  d["model"] = options.model;
  d["keyed"] = options.effective_keyed();

  std::unique_ptr<Model> model;
  PreparedHistory prepared;
  try {
    model = make_model(options.model);
    prepared = prepare_history(history, *model, options.effective_keyed(), options.failed_cas_observed);
  } catch (const std::exception& e) {
    result.verdict = Verdict::Unknown;
    d["error"] = e.what();
    d["bad_input"] = true;  // the history does not fit the model: `faultline check` exits 254
    return result;
  }
  d["ops"] = prepared.ops;
  d["crashed"] = prepared.crashed;
  d["failed_dropped"] = prepared.failed_dropped;
  if (options.failed_cas_observed) d["failed_observed"] = prepared.failed_observed;
  d["crashed_reads_dropped"] = prepared.crashed_reads_dropped;
  d["partitions"] = prepared.partitions.size();

  // Biggest partitions first, so the longest search starts earliest.
  const auto& parts = prepared.partitions;
  std::vector<std::size_t> order(parts.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return parts[a].ops.size() > parts[b].ops.size(); });

  std::atomic<bool> cancel{false};
  std::atomic<std::int64_t> memory_used{0};
  SearchControl control;
  control.cancel = &cancel;
  control.deadline = started + std::chrono::duration_cast<Clock::duration>(
                                   std::chrono::duration<double>(options.time_budget_s));
  control.memory_used = &memory_used;
  control.memory_limit = static_cast<std::int64_t>(options.memory_budget_mb) * 1024 * 1024;

  std::vector<PartitionOutcome> outcomes(parts.size());
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < order.size();) {
      if (cancel.load()) continue;  // leave it un-run: reported as not checked
      if (Clock::now() >= control.deadline) {
        // Many small keys never reach a search's own poll; stop here too.
        outcomes[order[i]].ran = true;
        outcomes[order[i]].search.status = SearchStatus::OutOfTime;
        continue;
      }
      outcomes[order[i]] = check_partition(history, parts[order[i]], *model, control, options);
      if (outcomes[order[i]].search.status == SearchStatus::NotLinearizable && !options.all_keys)
        cancel.store(true);
    }
  };
  unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, parts.size()));
  d["threads"] = std::max(threads, 1u);
  {
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) {
      try {
        pool.emplace_back(worker);
      } catch (const std::system_error&) {
        break;  // no more threads to be had: the ones we have share the keys
      }
    }
    worker();  // the calling thread works too; a single key never spawns a thread
    for (auto& t : pool) t.join();
  }

  std::uint64_t steps = 0;
  std::size_t unobserved_dropped = 0, unobserved_rewritten = 0;
  std::size_t configs = 0, peak_bytes = 0, valid = 0, not_checked = 0, invalid_count = 0, unknown_count = 0;
  // The counterexamples stay in the first one's storage, and the details move
  // there too (below): moved whole, not copied op by op.
  json::storage_ptr bad_storage;
  for (std::size_t i : order)
    if (outcomes[i].explanation) {
      bad_storage = outcomes[i].explanation->storage();
      break;
    }
  json::array invalid(bad_storage), unknown;
  Verdict verdict = Verdict::Valid;
  for (std::size_t i : order) {
    PartitionOutcome& o = outcomes[i];
    steps += o.search.steps;
    unobserved_dropped += o.unobserved_dropped;
    unobserved_rewritten += o.unobserved_rewritten;
    configs += o.search.configs;
    peak_bytes += o.search.peak_bytes;
    if (o.ran && o.error.empty() && o.search.status == SearchStatus::Linearizable) {
      ++valid;
    } else if (o.ran && o.error.empty() && o.search.status == SearchStatus::NotLinearizable) {
      verdict = Verdict::Invalid;
      ++invalid_count;
      if (invalid.size() < kMaxListed && o.explanation) invalid.push_back(std::move(*o.explanation));
    } else if (!o.ran || (o.error.empty() && o.search.status == SearchStatus::Cancelled)) {
      ++not_checked;
    } else {
      verdict = merge(verdict, Verdict::Unknown);
      if (unknown_count++ >= kMaxListed) continue;
      json::object u;
      if (!parts[i].key.is_null()) u["key"] = parts[i].key;
      // Which budget ran out, and how far the search had got.
      u["reason"] = !o.error.empty() ? o.error
                    : o.search.status == SearchStatus::Cancelled
                        ? status_reason(o.search.status, options)
                        : status_reason(o.search.status, options) + " after " +
                              std::to_string(o.search.steps) + " steps, " + std::to_string(o.search.configs) +
                              " configurations, longest linearizable prefix " +
                              std::to_string(o.search.max_depth) + " of " +
                              std::to_string(parts[i].ops.size()) + " ops";
      u["ops"] = parts[i].ops.size();
      u["crashed"] = std::count_if(parts[i].ops.begin(), parts[i].ops.end(),
                                   [](const PreparedOp& p) { return p.op.crashed; });
      u["steps"] = o.search.steps;
      u["configs"] = o.search.configs;
      u["max_depth"] = o.search.max_depth;
      unknown.push_back(std::move(u));
    }
  }
  // Keys skipped after an early Invalid do not weaken that verdict; skipped
  // for any other reason they leave the answer open.
  if (not_checked && verdict != Verdict::Invalid) verdict = merge(verdict, Verdict::Unknown);
  result.verdict = verdict;
  d["valid_partitions"] = valid;
  d["invalid_partitions"] = invalid_count;
  d["unknown_partitions"] = unknown_count;
  d["not_checked"] = not_checked;
  d["crashed_unobserved_dropped"] = unobserved_dropped;
  d["unobserved_rewritten"] = unobserved_rewritten;
  d["steps"] = steps;
  d["configs"] = configs;
  d["memo_bytes"] = peak_bytes;
  d["elapsed_ms"] = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
  d["time_budget_s"] = options.time_budget_s;
  d["memory_budget_mb"] = options.memory_budget_mb;
  if (!unknown.empty()) {
    if (invalid_count == 0) d["reason"] = unknown.front().as_object().at("reason");
    d["unknown"] = std::move(unknown);
  }
  if (invalid.empty()) return result;
  // A new result, as assigning into result.details would copy into its storage.
  CheckResult bad{result.verdict, json::object(std::move(d), invalid.storage())};
  bad.details["reason"] = counterexample_line(invalid.front().as_object(), invalid_count);
  bad.details["invalid"] = std::move(invalid);
  EvidenceField field{"invalid", EvidenceKind::Counterexample, "Not linearizable",
                      "per bad key: the op that cannot take effect, and the ops around it."};
  field.focus = "concurrent_window";
  declare_evidence(bad.details, {field});
  return bad;
}

}  // namespace faultline::checkers::lin
