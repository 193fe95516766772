#include "checkers/kafka/checker.hpp"

#include "checkers/evidence_schema.hpp"
#include "checkers/kafka/delivery.hpp"
#include "checkers/kafka/log_history.hpp"
#include "checkers/kafka/ordering.hpp"

namespace faultline::checkers::kafka {

namespace json = boost::json;

CheckResult KafkaChecker::check(const history::History& history) const {
  const LogHistory log(history);
  ErrorLog errors;
  json::object unseen = check_delivery(log, errors);
  check_ordering(log, errors);

  std::size_t sends = 0, acked = 0, polls = 0, polled = 0;
  for (const auto& o : log.ops()) {
    if (o.kind == LogOp::Send) {
      sends += o.count;
      acked += o.type == history::OpType::Ok ? o.count : 0;
    } else if (o.kind == LogOp::Poll) {
      ++polls;
      polled += o.count;
    }
  }
  CheckResult r;
  json::object& d = r.details;
  d["send-count"] = sends;
  d["acknowledged-count"] = acked;
  d["poll-count"] = polls;
  d["polled-message-count"] = polled;
  json::array types, bad;
  for (const auto& [type, _] : errors.by_type()) {
    types.push_back(json::string(type));
    if (type != "int-send-skip") bad.push_back(json::string(type));
  }
  if (!unseen.empty()) {
    types.push_back("unseen");
    bad.push_back("unseen");
    d["unseen"] = std::move(unseen);
  }
  d["error-types"] = types;
  d["bad-error-types"] = bad;
  d["errors"] = errors.examples();
  declare_evidence(
      d, {errors_field("errors", "Errors", "sends and polls the log's guarantees rule out, by type.")});
  d["error-counts"] = errors.counts();
  if (!bad.empty()) {
    r.verdict = Verdict::Invalid;
    std::string list;
    for (const auto& b : bad) list += (list.empty() ? "" : ", ") + std::string(b.as_string());
    d["reason"] = list;
  } else if (acked == 0 && polls == 0) {
    r.verdict = Verdict::Unknown;
    d["reason"] = "no send was acknowledged and no poll completed";
  } else {
    r.verdict = Verdict::Valid;
  }
  return r;
}

}  // namespace faultline::checkers::kafka
