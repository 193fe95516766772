#include "checkers/stats.hpp"

#include <map>

namespace faultline::checkers {

namespace json = boost::json;
using history::OpType;

namespace {

struct Counts {
  std::size_t invoke = 0, ok = 0, fail = 0, info = 0;
  void add(OpType t) {
    switch (t) {
      case OpType::Invoke:
        ++invoke;
        break;
      case OpType::Ok:
        ++ok;
        break;
      case OpType::Fail:
        ++fail;
        break;
      case OpType::Info:
        ++info;
        break;
    }
  }
  json::object to_json() const {
    return {{"count", ok + fail + info}, {"ok-count", ok},         {"fail-count", fail},
            {"info-count", info},        {"invoke-count", invoke}, {"valid", ok > 0}};
  }
};

}  // namespace

CheckResult StatsChecker::check(const history::History& history) const {
  Counts total;
  std::map<std::string, Counts> by_f;  // ordered so results read the same every run
  for (const auto& op : history) {
    if (op.process == history::kNemesisProcess) continue;
    total.add(op.type);
    by_f[op.f].add(op.type);
  }
  CheckResult r;
  json::object& d = r.details;
  json::object t = total.to_json();
  t.erase("valid");
  for (auto& kv : t) d[kv.key()] = kv.value();
  json::object per_f;
  json::array never_ok;
  for (const auto& [f, c] : by_f) {
    per_f[f] = c.to_json();
    if (c.ok == 0) never_ok.push_back(json::value(f));
  }
  d["by-f"] = std::move(per_f);
  d["never-ok"] = never_ok;
  if (by_f.empty()) {
    r.verdict = Verdict::Unknown;
    d["reason"] = "the history has no client operations";
  } else if (!never_ok.empty()) {
    r.verdict = Verdict::Invalid;
    d["reason"] = "some operations never succeeded: " + json::serialize(never_ok);
  } else {
    r.verdict = Verdict::Valid;
  }
  return r;
}

}  // namespace faultline::checkers
