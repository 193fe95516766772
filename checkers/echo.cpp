#include "checkers/echo.hpp"

#include "checkers/evidence.hpp"
#include "checkers/evidence_schema.hpp"
#include "history/pairs.hpp"

namespace faultline::checkers {

namespace json = boost::json;
using history::Op;
using history::OpType;

CheckResult EchoChecker::check(const history::History& history) const {
  const auto invocation = history::invocation_of(history);
  std::size_t invokes = 0, ok = 0, completions = 0;
  CappedList errors;
  for (std::size_t i = 0; i < history.size(); ++i) {
    const Op& op = history[i];
    if (op.process == history::kNemesisProcess || op.f != "echo") continue;
    if (op.type == OpType::Invoke) {
      ++invokes;
      continue;
    }
    ++completions;
    const Op* inv = invocation[i] >= 0 ? &history[static_cast<std::size_t>(invocation[i])] : nullptr;
    const char* kind = nullptr;
    if (op.type == OpType::Ok) {
      ++ok;
      if (inv && op.value == inv->value) continue;
      kind = inv ? "mismatch" : "reply-without-request";
    } else {
      kind = op.type == OpType::Fail ? "fail" : "info";
    }
    if (!errors.wants_more()) {
      errors.count_only();
      continue;
    }
    json::object e{{"kind", kind}, {"completion", op_evidence(op)}};
    if (inv) {
      e["invoke"] = op_evidence(*inv);
      e["expected"] = inv->value;
    }
    if (op.type == OpType::Ok) e["got"] = op.value;
    errors.add(std::move(e));
  }
  CheckResult r;
  json::object& d = r.details;
  d["invoke-count"] = invokes;
  d["ok-count"] = ok;
  d["pending-count"] = invokes > completions ? invokes - completions : 0;
  errors.put(d, "errors");
  declare_evidence(d, {errors_field("errors", "Mismatches", "replies that do not echo their request.")});
  if (!errors.empty()) {
    r.verdict = Verdict::Invalid;
    d["reason"] = std::to_string(errors.count()) + " echo operations did not echo their value";
  } else if (ok == 0) {
    r.verdict = Verdict::Unknown;
    d["reason"] = invokes == 0 ? "the history has no echo operations" : "no echo operation completed";
  } else {
    r.verdict = Verdict::Valid;
  }
  return r;
}

}  // namespace faultline::checkers
