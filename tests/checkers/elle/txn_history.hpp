#pragma once
// Hand-written transactional histories: each transaction is written as its
// completed value in JSON ('[["append","x",1],["r","y",[1]]]'); its invoke
// carries the same micro-ops with reads blanked, as Jepsen records them.
#include <boost/json.hpp>
#include <string>
#include <vector>

#include "../history_builder.hpp"
#include "checkers/elle/checker.hpp"

namespace faultline::checkers::elle::test {

struct T {
  std::int64_t process;
  std::string ops;
  history::OpType outcome = history::OpType::Ok;
};

inline boost::json::value invoke_value(const boost::json::value& done) {
  boost::json::array out = done.as_array();
  for (auto& m : out)
    if (m.as_array()[0] == "r") m.as_array()[2] = nullptr;
  return out;
}

// Appends transactions that all overlap: every invoke, then every completion,
// so no one precedes another in real time.
inline void concurrent(checkers::test::HistoryBuilder& h, const std::vector<T>& txns) {
  for (const auto& t : txns) h.invoke(t.process, "txn", invoke_value(boost::json::parse(t.ops)));
  for (const auto& t : txns) {
    const auto done = boost::json::parse(t.ops);
    h.add(t.process, t.outcome, "txn", t.outcome == history::OpType::Ok ? done : invoke_value(done));
  }
}

// Appends transactions one after another: each completes before the next begins.
inline void sequential(checkers::test::HistoryBuilder& h, const std::vector<T>& txns) {
  for (const auto& t : txns) concurrent(h, {t});
}

inline CheckResult check(DataModel model, const history::History& h,
                         const std::string& consistency = "strict-serializable") {
  ElleOptions o;
  o.consistency_model = consistency;
  return ElleChecker(model, o).check(h);
}

inline bool has(const CheckResult& r, const std::string& type) {
  return r.details.at("anomalies").as_object().contains(type);
}

inline const boost::json::object& first(const CheckResult& r, const std::string& type) {
  return r.details.at("anomalies").at(type).as_array().at(0).as_object();
}

// "ww rw" for a cycle's steps.
inline std::string step_types(const boost::json::object& cycle) {
  std::string out;
  for (const auto& s : cycle.at("steps").as_array())
    out += (out.empty() ? "" : " ") + std::string(s.at("type").as_string());
  return out;
}

inline std::string dump(const CheckResult& r) { return boost::json::serialize(r.details); }

}  // namespace faultline::checkers::elle::test
