#include "checkers/independent.hpp"

#include <map>

#include "checkers/evidence.hpp"
#include "history/pairs.hpp"

namespace faultline::checkers {

namespace json = boost::json;

namespace {

const json::array* tuple(const json::value& v) {
  const json::array* a = v.if_array();
  return a && a->size() == 2 ? a : nullptr;
}

}  // namespace

CheckResult check_independent(const Checker& checker, const history::History& history) {
  const auto invocation = history::invocation_of(history);
  std::map<std::string, history::History> by_key;  // serialized key -> its ops
  std::map<std::string, json::value> key_value;
  for (std::size_t i = 0; i < history.size(); ++i) {
    const auto& op = history[i];
    if (op.process == history::kNemesisProcess) continue;
    const history::Op& keyed = op.type == history::OpType::Invoke || invocation[i] < 0
                                   ? op
                                   : history[static_cast<std::size_t>(invocation[i])];
    const json::array* t = tuple(keyed.value);
    if (!t)
      throw std::invalid_argument("op " + std::to_string(keyed.index) +
                                  ": an independent history's values are [key value] tuples, got " +
                                  json::serialize(keyed.value));
    const std::string key = json::serialize((*t)[0]);
    key_value.try_emplace(key, (*t)[0]);
    history::Op unwrapped = op;
    const json::array* own = tuple(op.value);
    unwrapped.value = own ? (*own)[1] : json::value(nullptr);
    by_key[key].push_back(std::move(unwrapped));
  }

  CheckResult r;
  r.verdict = Verdict::Valid;
  json::array failures, unknown;
  json::object results;
  for (auto& [key, ops] : by_key) {
    CheckResult one = check_safe(checker, ops);
    r.verdict = merge(r.verdict, one.verdict);
    if (one.verdict == Verdict::Valid) continue;
    (one.verdict == Verdict::Invalid ? failures : unknown).push_back(key_value[key]);
    if (results.size() < kDetailCap) {
      one.details["valid"] = verdict_json(one.verdict);
      results[key] = std::move(one.details);
    }
  }
  if (by_key.empty()) {
    r.verdict = Verdict::Unknown;
    r.details["reason"] = "the history has no client operations";
  }
  r.details["key-count"] = by_key.size();
  r.details["failures"] = std::move(failures);
  r.details["unknown-keys"] = std::move(unknown);
  r.details["results"] = std::move(results);
  return r;
}

}  // namespace faultline::checkers
