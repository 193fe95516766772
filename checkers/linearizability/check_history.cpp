#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <memory>
#include <numeric>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "checkers/linearizability/check_file.hpp"
#include "checkers/linearizability/compiled_model.hpp"
#include "checkers/linearizability/counterexample.hpp"
#include "checkers/linearizability/prepare.hpp"
#include "checkers/linearizability/search.hpp"

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
  json::object explanation;  // when not linearizable
};

std::string status_reason(SearchStatus s, const LinOptions& options) {
  switch (s) {
    case SearchStatus::OutOfTime:
      return "time budget of " + std::to_string(options.time_budget_s) + " s exhausted";
    case SearchStatus::OutOfMemory:
      return "memory budget of " + std::to_string(options.memory_budget_mb) + " MB exhausted";
    case SearchStatus::Cancelled:
      return "not checked: another key was already found not linearizable";
    default:
      return "";
  }
}

PartitionOutcome check_partition(const history::History& history, const Partition& partition,
                                 const Model& model, const SearchControl& control) {
  PartitionOutcome out;
  out.ran = true;
  try {
    CompiledModel compiled(model);
    std::vector<SearchOp> ops;
    ops.reserve(partition.ops.size());
    for (const PreparedOp& p : partition.ops) ops.push_back({p.call, p.ret, compiled.intern_op(p.op)});
    out.search = search_partition(ops, compiled, control);
    if (out.search.status == SearchStatus::NotLinearizable)
      out.explanation = explain_partition(history, partition, compiled, ops, out.search);
  } catch (const std::exception& e) {
    out.error = e.what();
  }
  return out;
}

}  // namespace

CheckResult check_history(const history::History& history, const LinOptions& options) {
  auto started = Clock::now();
  CheckResult result;
  auto& d = result.details;
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
      outcomes[order[i]] = check_partition(history, parts[order[i]], *model, control);
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
  std::size_t configs = 0, peak_bytes = 0, valid = 0, not_checked = 0, invalid_count = 0, unknown_count = 0;
  json::array invalid, unknown;
  Verdict verdict = Verdict::Valid;
  for (std::size_t i : order) {
    const PartitionOutcome& o = outcomes[i];
    steps += o.search.steps;
    configs += o.search.configs;
    peak_bytes += o.search.peak_bytes;
    if (o.ran && o.error.empty() && o.search.status == SearchStatus::Linearizable) {
      ++valid;
    } else if (o.ran && o.error.empty() && o.search.status == SearchStatus::NotLinearizable) {
      verdict = Verdict::Invalid;
      ++invalid_count;
      if (invalid.size() < kMaxListed) invalid.push_back(o.explanation);
    } else if (!o.ran || (o.error.empty() && o.search.status == SearchStatus::Cancelled)) {
      ++not_checked;
    } else {
      verdict = merge(verdict, Verdict::Unknown);
      if (unknown_count++ >= kMaxListed) continue;
      json::object u;
      if (!parts[i].key.is_null()) u["key"] = parts[i].key;
      u["reason"] = o.error.empty() ? status_reason(o.search.status, options) : o.error;
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
  d["steps"] = steps;
  d["configs"] = configs;
  d["memo_bytes"] = peak_bytes;
  d["elapsed_ms"] = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
  d["time_budget_s"] = options.time_budget_s;
  d["memory_budget_mb"] = options.memory_budget_mb;
  if (!invalid.empty()) d["invalid"] = std::move(invalid);
  if (!unknown.empty()) {
    d["reason"] = unknown.front().as_object().at("reason");
    d["unknown"] = std::move(unknown);
  }
  return result;
}

}  // namespace faultline::checkers::lin
