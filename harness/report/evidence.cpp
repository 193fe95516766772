#include "harness/report/evidence.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "harness/runtime/json_text.hpp"
#include "history/op_value.hpp"

namespace faultline::harness::report {

namespace json = boost::json;

namespace {

constexpr std::size_t kKeepReadsWith = 3;
// Scalars visited in non-final reads before giving up: a broadcast history
// of a million reads of thousands of values each must not stall the report.
constexpr std::size_t kScanBudget = 50'000'000;

template <typename Visit>
void for_each_scalar(const json::value& v, Visit&& visit, std::size_t& budget, int depth = 0) {
  if (budget == 0 || depth > 6) return;
  switch (v.kind()) {
    case json::kind::array:
      for (const auto& x : v.get_array()) for_each_scalar(x, visit, budget, depth + 1);
      break;
    case json::kind::object:
      for (const auto& kv : v.get_object()) for_each_scalar(kv.value(), visit, budget, depth + 1);
      break;
    case json::kind::null:
      break;
    default:
      --budget;
      visit(v);
  }
}

}  // namespace

std::string element_key(const json::value& v) {
  switch (v.kind()) {
    case json::kind::int64:
      return std::to_string(v.get_int64());
    case json::kind::uint64:
      return std::to_string(v.get_uint64());
    case json::kind::double_: {
      const double d = v.get_double();
      if (d == static_cast<double>(static_cast<std::int64_t>(d)))
        return std::to_string(static_cast<std::int64_t>(d));
      return json_text(v);
    }
    default:
      return json_text(v);
  }
}

json::value element_of(const json::value& item) {
  if (!item.is_object()) return item;
  const auto& o = item.get_object();
  for (const char* k : {"element", "value", "message", "msg", "elem"})
    if (const json::value* v = o.if_contains(k); v && !v->is_object() && !v->is_array()) return *v;
  return nullptr;
}

EvidenceSearch find_evidence(const history::History& history, const std::vector<OpPair>& pairs,
                             const std::vector<json::value>& elements, const checkers::EvidenceField& field) {
  EvidenceSearch out;
  std::unordered_map<std::string, ElementEvidence*> targets;
  for (const auto& e : elements) {
    if (e.is_null()) continue;
    const std::string key = element_key(e);
    targets[key] = &out.by_element[key];
  }

  // Final reads: flagged ones; without flags (older runners), the last ok read of each process.
  std::unordered_map<std::int64_t, std::size_t> last_read;
  for (std::size_t i = 0; i < history.size(); ++i) {
    const auto& op = history[i];
    if (op.type != history::OpType::Ok || op.process == history::kNemesisProcess || !field.is_read(op.f))
      continue;
    if (op.final) out.final_reads.push_back(i);
    last_read[op.process] = i;
  }
  if (out.final_reads.empty()) {
    for (const auto& [proc, i] : last_read) out.final_reads.push_back(i);
    std::sort(out.final_reads.begin(), out.final_reads.end());
  }
  if (targets.empty()) return out;

  std::size_t budget = kScanBudget;
  for (const auto& p : pairs) {
    const auto& inv = history[p.invoke];
    if (field.is_read(inv.f)) {
      if (p.outcome != Outcome::Ok) continue;
      const auto& done = history[static_cast<std::size_t>(p.completion)];
      json::value scratch;
      for_each_scalar(
          history::value_of(done, scratch),
          [&](const json::value& s) {
            auto it = targets.find(element_key(s));
            if (it == targets.end()) return;
            auto& ev = *it->second;
            ev.last_read_with = std::max(ev.last_read_with, p.completion);
            if (!ev.reads_with.empty() && ev.reads_with.back() == static_cast<std::size_t>(p.completion)) {
              ++ev.reads_with_total;  // the same read shows it twice: a duplicate, count it
              return;
            }
            ++ev.reads_with_total;
            if (ev.reads_with.size() < kKeepReadsWith)
              ev.reads_with.push_back(static_cast<std::size_t>(p.completion));
          },
          budget);
    } else if (field.is_add(inv.f)) {
      std::size_t small = 64;  // an add names its element near the top of its value
      for_each_scalar(
          inv.value,
          [&](const json::value& s) {
            auto it = targets.find(element_key(s));
            if (it == targets.end()) return;
            auto& ev = *it->second;
            if (!ev.add_invokes.empty() && ev.add_invokes.back() == p.invoke) return;
            ev.add_invokes.push_back(p.invoke);
            if (p.completion >= 0) ev.add_completions.push_back(static_cast<std::size_t>(p.completion));
          },
          small);
    }
    if (budget == 0) {
      out.truncated = true;
      break;
    }
  }

  // Which final reads missed each element.
  for (std::size_t r : out.final_reads) {
    std::unordered_set<std::string> seen;
    std::size_t unlimited = SIZE_MAX;
    json::value scratch;
    for_each_scalar(
        history::value_of(history[r], scratch), [&](const json::value& s) { seen.insert(element_key(s)); },
        unlimited);
    for (auto& [key, ev] : targets)
      if (!seen.count(key)) ev->final_reads_without.push_back(r);
  }
  return out;
}

}  // namespace faultline::harness::report
