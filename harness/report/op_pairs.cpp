#include "harness/report/op_pairs.hpp"

#include <algorithm>

namespace faultline::harness::report {

const char* outcome_name(Outcome o) {
  switch (o) {
    case Outcome::Ok:
      return "ok";
    case Outcome::Fail:
      return "fail";
    case Outcome::Info:
      return "info";
    case Outcome::Pending:
      return "pending";
  }
  return "pending";
}

std::int64_t history_end(const history::History& history) {
  std::int64_t end = 0;
  for (const auto& op : history) end = std::max(end, op.time);
  return end;
}

std::vector<OpPair> timed_pairs(const history::History& history) {
  const std::int64_t end = history_end(history);
  std::vector<OpPair> out;
  const history::Pairing pairing = history::pair_ops(history);
  out.reserve(pairing.pairs.size());
  for (const history::OpPair& p : pairing.pairs) {
    OpPair o;
    o.invoke = p.invoke;
    o.completion = p.completion;
    o.process = p.process;
    o.start = history[p.invoke].time;
    o.end = end;  // a pending op is drawn to the end of the history
    if (p.completion >= 0) {
      const history::Op& done = history[static_cast<std::size_t>(p.completion)];
      o.end = std::max(done.time, o.start);
      o.outcome = done.type == history::OpType::Ok     ? Outcome::Ok
                  : done.type == history::OpType::Fail ? Outcome::Fail
                                                       : Outcome::Info;
    }
    out.push_back(o);
  }
  return out;
}

}  // namespace faultline::harness::report
