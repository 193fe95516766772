#include "checkers/queue.hpp"

#include <algorithm>
#include <limits>

#include "checkers/evidence.hpp"
#include "checkers/evidence_schema.hpp"
#include "checkers/options.hpp"
#include "checkers/value_index.hpp"
#include "history/pairs.hpp"

namespace faultline::checkers {

namespace json = boost::json;
using history::Op;
using history::OpType;

QueueOptions parse_queue_options(const json::object& options) {
  OptionReader r("queue", options, {"guarantee", "fifo"});
  QueueOptions o;
  const std::string g =
      r.get_enum("guarantee", {"at-least-once", "at-most-once", "exactly-once"}, "exactly-once");
  o.guarantee = g == "at-least-once"  ? DeliveryGuarantee::AtLeastOnce
                : g == "at-most-once" ? DeliveryGuarantee::AtMostOnce
                                      : DeliveryGuarantee::ExactlyOnce;
  o.fifo = r.get_bool("fifo", o.fifo);
  return o;
}

namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
constexpr std::size_t kOpsPerValue = 4;
constexpr std::size_t kPairsPerLaterValue = 4;

const char* guarantee_name(DeliveryGuarantee g) {
  switch (g) {
    case DeliveryGuarantee::AtLeastOnce:
      return "at-least-once";
    case DeliveryGuarantee::AtMostOnce:
      return "at-most-once";
    case DeliveryGuarantee::ExactlyOnce:
      return "exactly-once";
  }
  return "exactly-once";
}

struct Message {
  std::uint32_t attempts = 0, enq_ok = 0, dequeued = 0;
  std::uint32_t redelivered = 0;   // ok dequeues after an earlier one that was never acked ok
  bool awaiting_ack = false;       // dequeued, and no ok ack of it seen since
  std::uint32_t enq_inv = kNone;   // first enqueue invocation
  std::uint32_t enq_comp = kNone;  // first ok enqueue completion
  std::uint32_t deq_inv = kNone;   // first ok dequeue's invocation
  std::uint32_t deq_comp = kNone;  // first ok dequeue's completion
};

class Fenwick {
 public:
  explicit Fenwick(std::size_t n) : t_(n + 1, 0) {}
  void add(std::size_t i) {
    for (++i; i < t_.size(); i += i & (~i + 1)) ++t_[i];
  }
  std::uint64_t prefix(std::size_t n) const {  // count among the first n ranks
    std::uint64_t s = 0;
    for (; n > 0; n -= n & (~n + 1)) s += t_[n];
    return s;
  }

 private:
  std::vector<std::uint32_t> t_;
};

}  // namespace

CheckResult QueueChecker::check(const history::History& history) const {
  if (history.size() >= kNone) throw std::invalid_argument("history too long for queue (>4G ops)");
  const auto invocation = history::invocation_of(history);

  ValueIndex values;
  std::vector<Message> msgs;
  std::size_t enqueue_ops = 0, dequeue_ok = 0, dequeue_empty = 0, dequeue_info = 0, acks = 0;
  auto message = [&](const json::value& v) -> std::pair<std::uint32_t, Message&> {
    std::uint32_t id = values.intern(v);
    if (id == msgs.size()) msgs.emplace_back();
    return {id, msgs[id]};
  };

  for (std::size_t i = 0; i < history.size(); ++i) {
    const Op& op = history[i];
    if (op.process == history::kNemesisProcess) continue;
    const auto pos = static_cast<std::uint32_t>(i);
    if (op.f == "enqueue") {
      if (op.type == OpType::Invoke) {
        ++enqueue_ops;
        auto [id, m] = message(op.value);
        ++m.attempts;
        if (m.enq_inv == kNone) m.enq_inv = pos;
      } else if (op.type == OpType::Ok && invocation[i] >= 0) {
        auto [id, m] = message(history[static_cast<std::size_t>(invocation[i])].value);
        ++m.enq_ok;
        if (m.enq_comp == kNone) m.enq_comp = pos;
      }
    } else if (op.f == "dequeue") {
      if (op.type == OpType::Ok && !op.value.is_null()) {
        ++dequeue_ok;
        auto [id, m] = message(op.value);
        if (m.awaiting_ack) ++m.redelivered;
        m.awaiting_ack = true;
        ++m.dequeued;
        if (m.deq_comp == kNone) {
          m.deq_comp = pos;
          m.deq_inv = invocation[i] >= 0 ? static_cast<std::uint32_t>(invocation[i]) : pos;
        }
      } else if (op.type == OpType::Ok || op.type == OpType::Fail) {
        ++dequeue_empty;
      } else if (op.type == OpType::Info) {
        ++dequeue_info;
      }
    } else if (op.f == "ack" && op.type != OpType::Invoke) {
      ++acks;
      if (op.type == OpType::Ok && invocation[i] >= 0) {
        std::uint32_t id = values.find(history[static_cast<std::size_t>(invocation[i])].value);
        if (id != ValueIndex::kMissing) msgs[id].awaiting_ack = false;
      }
    }
  }

  // Multiset accounting. When the history has acks, handing a value out again
  // after a dequeue nobody acked is the queue doing its job (redelivery), not
  // a duplicate; without acks every extra dequeue is a duplicate.
  const bool acked_mode = acks > 0;
  std::uint64_t lost_n = 0, dup_n = 0, unexpected_n = 0, recovered_n = 0, redelivered_n = 0;
  std::vector<std::uint32_t> lost, dup, unexpected, recovered;  // values to list
  for (std::uint32_t id = 0; id < msgs.size(); ++id) {
    const Message& m = msgs[id];
    if (m.attempts == 0 && m.dequeued > 0) {
      unexpected_n += 1;
      if (unexpected.size() < kDetailCap) unexpected.push_back(id);
      continue;
    }
    if (m.enq_ok > m.dequeued) {
      lost_n += 1;
      if (lost.size() < kDetailCap) lost.push_back(id);
    }
    const std::uint32_t excused = acked_mode ? m.redelivered : 0;
    redelivered_n += excused > 0;
    if (m.dequeued - excused > m.attempts) {
      dup_n += 1;
      if (dup.size() < kDetailCap) dup.push_back(id);
    }
    if (std::min(m.dequeued, m.attempts) > m.enq_ok) {
      recovered_n += 1;
      if (recovered.size() < kDetailCap) recovered.push_back(id);
    }
  }

  // Dequeue ops of the listed values, gathered in one more pass.
  std::vector<std::int32_t> slot;
  std::vector<json::array> listed_deqs;
  {
    std::vector<std::uint32_t> want;
    want.insert(want.end(), dup.begin(), dup.end());
    want.insert(want.end(), unexpected.begin(), unexpected.end());
    if (!want.empty()) {
      slot.assign(msgs.size(), -1);
      for (std::size_t k = 0; k < want.size(); ++k) slot[want[k]] = static_cast<std::int32_t>(k);
      listed_deqs.resize(want.size());
      for (const Op& op : history) {
        if (op.process == history::kNemesisProcess || op.f != "dequeue" || op.type != OpType::Ok ||
            op.value.is_null())
          continue;
        std::int32_t s = slot[values.find(op.value)];
        if (s >= 0 && listed_deqs[static_cast<std::size_t>(s)].size() < kOpsPerValue)
          listed_deqs[static_cast<std::size_t>(s)].push_back(op_evidence(op));
      }
    }
  }
  auto deqs_of = [&](std::uint32_t id) {
    return slot.empty() || slot[id] < 0 ? json::array{} : listed_deqs[static_cast<std::size_t>(slot[id])];
  };
  auto enq_evidence = [&](const Message& m, json::object& o) {
    if (m.enq_inv != kNone) o["enqueue"] = op_evidence(history[m.enq_inv]);
    if (m.enq_comp != kNone) o["enqueue-ok"] = op_evidence(history[m.enq_comp]);
  };

  CheckResult r;
  json::object& d = r.details;
  d["guarantee"] = guarantee_name(options_.guarantee);
  d["fifo"] = options_.fifo;
  d["enqueue-count"] = enqueue_ops;
  d["dequeue-count"] = dequeue_ok;
  d["empty-dequeue-count"] = dequeue_empty;
  d["indeterminate-dequeue-count"] = dequeue_info;
  d["ack-count"] = acks;
  std::uint64_t attempted = 0, acknowledged = 0;
  for (const Message& m : msgs) {
    attempted += m.attempts;
    acknowledged += m.enq_ok;
  }
  d["attempt-count"] = attempted;
  d["acknowledged-count"] = acknowledged;

  json::array lost_list, dup_list, unexpected_list, recovered_list;
  for (auto id : lost) {
    const Message& m = msgs[id];
    json::object o{{"value", values.value(id)}, {"enqueued-ok", m.enq_ok}, {"dequeued", m.dequeued}};
    enq_evidence(m, o);
    lost_list.push_back(std::move(o));
  }
  for (auto id : dup) {
    const Message& m = msgs[id];
    json::object o{{"value", values.value(id)},
                   {"enqueue-attempts", m.attempts},
                   {"dequeued", m.dequeued},
                   {"dequeues", deqs_of(id)}};
    enq_evidence(m, o);
    dup_list.push_back(std::move(o));
  }
  for (auto id : unexpected)
    unexpected_list.push_back(json::object{
        {"value", values.value(id)}, {"dequeued", msgs[id].dequeued}, {"dequeues", deqs_of(id)}});
  for (auto id : recovered) {
    const Message& m = msgs[id];
    json::object o{{"value", values.value(id)}};
    enq_evidence(m, o);
    if (m.deq_comp != kNone) o["dequeue"] = op_evidence(history[m.deq_comp]);
    recovered_list.push_back(std::move(o));
  }
  d["lost-count"] = lost_n;
  d["lost"] = std::move(lost_list);
  d["duplicated-count"] = dup_n;
  d["duplicated"] = std::move(dup_list);
  d["unexpected-count"] = unexpected_n;
  d["unexpected"] = std::move(unexpected_list);
  d["recovered-count"] = recovered_n;
  d["redelivered-count"] = redelivered_n;
  d["recovered"] = std::move(recovered_list);
  {
    const std::vector<std::string> enqueue{"enqueue"}, dequeue{"dequeue"};
    EvidenceField lost = lost_field(enqueue, dequeue);
    lost.meaning = "acknowledged as enqueued, yet no dequeue ever returned it.";
    lost.show = 0;  // a dequeue returns one value: "missing from a final dequeue" says nothing
    EvidenceField duplicated = duplicated_field(enqueue, dequeue);
    duplicated.meaning = "returned by more than one dequeue.";
    EvidenceField unexpected = unexpected_field(enqueue, dequeue);
    unexpected.meaning = "returned by a dequeue although no client ever enqueued it.";
    EvidenceField recovered = recovered_field(enqueue, dequeue);
    recovered.meaning = "its enqueue was indeterminate (timed out or failed) yet a dequeue returned it.";
    declare_evidence(d, {lost, duplicated, unexpected, recovered});
  }

  // FIFO: only values enqueued exactly once (ok) and dequeued have an
  // unambiguous order.
  std::uint64_t fifo_violations = 0;
  if (options_.fifo) {
    std::vector<std::uint32_t> cand;
    std::size_t skipped = 0;
    for (std::uint32_t id = 0; id < msgs.size(); ++id) {
      const Message& m = msgs[id];
      if (m.enq_ok == 0 || m.dequeued == 0) continue;
      if (m.attempts != 1) {
        ++skipped;
        continue;
      }
      cand.push_back(id);
    }
    // a's enter the tree in order of enqueue completion as b's sweep in order
    // of enqueue invocation; the tree counts a's by dequeue invocation.
    std::vector<std::uint32_t> by_enq_comp = cand, by_enq_inv = cand;
    std::sort(by_enq_comp.begin(), by_enq_comp.end(),
              [&](auto a, auto b) { return msgs[a].enq_comp < msgs[b].enq_comp; });
    std::sort(by_enq_inv.begin(), by_enq_inv.end(),
              [&](auto a, auto b) { return msgs[a].enq_inv < msgs[b].enq_inv; });
    std::vector<std::uint32_t> deq_invs;
    deq_invs.reserve(cand.size());
    for (auto id : cand) deq_invs.push_back(msgs[id].deq_inv);
    std::sort(deq_invs.begin(), deq_invs.end());
    auto rank = [&](std::uint32_t p) {  // number of deq_invs <= p
      return static_cast<std::size_t>(std::upper_bound(deq_invs.begin(), deq_invs.end(), p) -
                                      deq_invs.begin());
    };
    Fenwick tree(cand.size());
    std::size_t inserted = 0;
    json::array pairs;
    for (auto b : by_enq_inv) {
      const Message& mb = msgs[b];
      while (inserted < by_enq_comp.size() && msgs[by_enq_comp[inserted]].enq_comp < mb.enq_inv) {
        tree.add(rank(msgs[by_enq_comp[inserted]].deq_inv) - 1);
        ++inserted;
      }
      const std::uint64_t later = inserted - tree.prefix(rank(mb.deq_comp));
      if (later == 0) continue;
      fifo_violations += later;
      // Listing is rare and capped, so a scan of the inserted a's is fine.
      std::size_t listed_here = 0;
      for (std::size_t k = 0; k < inserted && pairs.size() < kDetailCap && listed_here < kPairsPerLaterValue;
           ++k) {
        const std::uint32_t a = by_enq_comp[k];
        const Message& ma = msgs[a];
        if (ma.deq_inv <= mb.deq_comp) continue;
        ++listed_here;
        auto side = [&](std::uint32_t id, const Message& m) {
          return json::object{{"value", values.value(id)},
                              {"enqueue-ok", op_evidence(history[m.enq_comp])},
                              {"dequeue-invoke", op_evidence(history[m.deq_inv])},
                              {"dequeue-ok", op_evidence(history[m.deq_comp])}};
        };
        pairs.push_back(json::object{{"earlier", side(a, ma)},
                                     {"later", side(b, mb)},
                                     {"why",
                                      "earlier was enqueued before later was, but later was dequeued before "
                                      "earlier's dequeue began"}});
      }
    }
    d["fifo-checked-count"] = cand.size();
    d["fifo-skipped-count"] = skipped;  // enqueued more than once: order is ambiguous
    d["fifo-violation-count"] = fifo_violations;
    d["fifo-violations"] = std::move(pairs);
  }

  std::vector<std::string> why;
  const auto g = options_.guarantee;
  if (unexpected_n) why.push_back(std::to_string(unexpected_n) + " values dequeued that were never enqueued");
  // Each indeterminate dequeue may have taken one value that nobody saw, so
  // only losses beyond their number are proven.
  const std::uint64_t explainable = std::min<std::uint64_t>(lost_n, dequeue_info);
  d["lost-explainable-by-info-dequeues"] = explainable;
  const bool loss_matters = g != DeliveryGuarantee::AtMostOnce;
  if (lost_n > explainable && loss_matters)
    why.push_back(std::to_string(lost_n) + " acknowledged values never dequeued (lost)" +
                  (explainable ? " (at most " + std::to_string(explainable) +
                                     " of them explained by indeterminate dequeues)"
                               : std::string()));
  if (dup_n && g != DeliveryGuarantee::AtLeastOnce)
    why.push_back(std::to_string(dup_n) + " values dequeued more often than enqueued");
  if (fifo_violations) why.push_back(std::to_string(fifo_violations) + " pairs dequeued out of FIFO order");
  if (!why.empty()) {
    r.verdict = Verdict::Invalid;
    std::string reason;
    for (const auto& w : why) reason += (reason.empty() ? "" : "; ") + w;
    d["reason"] = reason;
  } else if (lost_n && loss_matters) {
    r.verdict = Verdict::Unknown;
    d["reason"] = std::to_string(lost_n) + " acknowledged values were never dequeued, but " +
                  std::to_string(dequeue_info) + " dequeues are indeterminate and may have taken them";
  } else if (enqueue_ops == 0 && dequeue_ok == 0) {
    r.verdict = Verdict::Unknown;
    d["reason"] = "the history has no enqueue or dequeue operations";
  } else if (dequeue_ok == 0 && dequeue_empty == 0) {
    r.verdict = Verdict::Unknown;
    d["reason"] = "no dequeue completed, so delivery was never observed";
  } else {
    r.verdict = Verdict::Valid;
  }
  return r;
}

}  // namespace faultline::checkers
