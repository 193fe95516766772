#include "checkers/unique_ids.hpp"

#include <algorithm>
#include <optional>

#include "checkers/evidence.hpp"
#include "checkers/evidence_schema.hpp"
#include "checkers/value_index.hpp"

namespace faultline::checkers {

namespace json = boost::json;
using history::Op;
using history::OpType;

namespace {

constexpr std::size_t kDuplicateCap = 48;
constexpr std::size_t kOpsPerDuplicate = 8;

enum class IdKind { None, Number, String, Mixed };

IdKind kind_of(const json::value& v) {
  if (v.is_number()) return IdKind::Number;
  if (v.is_string()) return IdKind::String;
  return IdKind::Mixed;  // arrays, objects, bools, null have no agreed order
}

// Numbers compare by value whatever their JSON representation.
bool number_less(const json::value& a, const json::value& b) {
  auto as_long_double = [](const json::value& v) -> long double {
    if (v.is_int64()) return static_cast<long double>(v.get_int64());
    if (v.is_uint64()) return static_cast<long double>(v.get_uint64());
    return static_cast<long double>(v.get_double());
  };
  if (a.is_int64() && b.is_int64()) return a.get_int64() < b.get_int64();
  return as_long_double(a) < as_long_double(b);
}

bool id_less(const json::value& a, const json::value& b, IdKind kind) {
  if (kind == IdKind::Number) return number_less(a, b);
  return a.get_string() < b.get_string();
}

}  // namespace

CheckResult UniqueIdsChecker::check(const history::History& history) const {
  std::size_t attempted = 0, acknowledged = 0;
  ValueIndex ids;
  std::vector<std::uint32_t> counts;
  std::vector<std::size_t> first_pos;  // first op that returned each id
  IdKind kind = IdKind::None;
  const json::value* lo = nullptr;
  const json::value* hi = nullptr;

  for (std::size_t i = 0; i < history.size(); ++i) {
    const Op& op = history[i];
    if (op.process == history::kNemesisProcess || op.f != "generate") continue;
    if (op.type == OpType::Invoke) ++attempted;
    if (op.type != OpType::Ok) continue;
    ++acknowledged;
    std::uint32_t id = ids.intern(op.value);
    if (id == counts.size()) {
      counts.push_back(0);
      first_pos.push_back(i);
    }
    ++counts[id];

    IdKind k = kind_of(op.value);
    if (kind == IdKind::None)
      kind = k;
    else if (kind != k)
      kind = IdKind::Mixed;
    if (kind == IdKind::Number || kind == IdKind::String) {
      if (!lo || id_less(op.value, *lo, kind)) lo = &op.value;
      if (!hi || id_less(*hi, op.value, kind)) hi = &op.value;
    }
  }

  // Most repeated first; ties by first appearance so results are stable.
  std::vector<std::uint32_t> dups;
  for (std::uint32_t id = 0; id < counts.size(); ++id)
    if (counts[id] > 1) dups.push_back(id);
  std::sort(dups.begin(), dups.end(), [&](std::uint32_t a, std::uint32_t b) {
    return counts[a] != counts[b] ? counts[a] > counts[b] : first_pos[a] < first_pos[b];
  });
  if (dups.size() > kDuplicateCap) dups.resize(kDuplicateCap);

  // Second pass only over the few reported ids, to attach their ops.
  std::vector<json::array> dup_ops(dups.size());
  if (!dups.empty()) {
    std::vector<std::int32_t> slot(counts.size(), -1);
    for (std::size_t j = 0; j < dups.size(); ++j) slot[dups[j]] = static_cast<std::int32_t>(j);
    for (const Op& op : history) {
      if (op.process == history::kNemesisProcess || op.f != "generate" || op.type != OpType::Ok) continue;
      std::int32_t s = slot[ids.find(op.value)];
      if (s >= 0 && dup_ops[static_cast<std::size_t>(s)].size() < kOpsPerDuplicate)
        dup_ops[static_cast<std::size_t>(s)].push_back(op_evidence(op));
    }
  }

  std::size_t duplicated_count = 0;
  for (auto c : counts) duplicated_count += c > 1;

  CheckResult r;
  json::object& d = r.details;
  d["attempted-count"] = attempted;
  d["acknowledged-count"] = acknowledged;
  d["duplicated-count"] = duplicated_count;
  json::array dup_list;
  for (std::size_t j = 0; j < dups.size(); ++j)
    dup_list.push_back(
        json::object{{"id", ids.value(dups[j])}, {"count", counts[dups[j]]}, {"ops", std::move(dup_ops[j])}});
  d["duplicated"] = std::move(dup_list);
  {
    EvidenceField duplicated = duplicated_field({}, {"generate"});
    duplicated.meaning = "an id returned by more than one generate.";
    declare_evidence(d, {duplicated});
  }
  if (kind == IdKind::Mixed)
    d["range"] = "incomparable";
  else if (lo)
    d["range"] = json::array{*lo, *hi};
  else
    d["range"] = nullptr;

  if (duplicated_count > 0) {
    r.verdict = Verdict::Invalid;
    d["reason"] = std::to_string(duplicated_count) + " ids were returned more than once";
  } else if (acknowledged == 0) {
    r.verdict = Verdict::Unknown;
    d["reason"] =
        attempted == 0 ? "the history has no generate operations" : "no generate operation was acknowledged";
  } else {
    r.verdict = Verdict::Valid;
  }
  return r;
}

}  // namespace faultline::checkers
