#include "checkers/set_full.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <unordered_map>

#include "checkers/evidence.hpp"
#include "checkers/evidence_schema.hpp"
#include "checkers/options.hpp"
#include "checkers/value_index.hpp"
#include "history/op_value.hpp"
#include "history/pairs.hpp"

namespace faultline::checkers {

namespace json = boost::json;
using history::Op;
using history::OpType;

SetFullOptions parse_set_full_options(const json::object& options) {
  OptionReader r("set-full", options, {"linearizable", "add_f", "read_f"});
  SetFullOptions o;
  o.linearizable = r.get_bool("linearizable", o.linearizable);
  o.add_f = r.get_string("add_f", o.add_f);
  o.read_f = r.get_string("read_f", o.read_f);
  return o;
}

namespace {

constexpr std::uint32_t kNoPosition = std::numeric_limits<std::uint32_t>::max();
constexpr std::size_t kWorstStale = 8;
constexpr std::size_t kMissedReadsPerLost = 8;

struct Read {
  std::uint32_t inv;   // position of the read's invocation (its completion if unpaired)
  std::uint32_t comp;  // position of its ok completion
};

// Per element, indexed by element id (ids follow add-invocation order).
struct ElementState {
  std::vector<std::uint32_t> add_inv;       // position of the first add invocation
  std::vector<std::uint32_t> add_ok;        // position of its ok completion, or kNoPosition
  std::vector<std::uint32_t> known_read;    // earliest completion of a read showing it
  std::vector<std::uint32_t> last_present;  // read (index into reads) with the latest invocation showing it
  std::vector<std::uint32_t> last_absent;   // ... missing it, completed after the add was invoked

  void push(std::uint32_t inv) {
    add_inv.push_back(inv);
    add_ok.push_back(kNoPosition);
    known_read.push_back(kNoPosition);
    last_present.push_back(kNoPosition);
    last_absent.push_back(kNoPosition);
  }
  std::size_t size() const { return add_inv.size(); }
};

// The elements still waiting for their last-absent read, in id (= add
// invocation) order, so each read visits only elements that existed when it
// completed and every visit either resolves an element or is paid for by the
// read containing it.
class Unresolved {
 public:
  explicit Unresolved(std::uint32_t n) : next_(n + 1), prev_(n + 1), end_(n) {
    for (std::uint32_t i = 0; i <= n; ++i) {
      next_[i] = i + 1 <= n ? i + 1 : end_;
      prev_[i] = i == 0 ? end_ : i - 1;
    }
    next_[end_] = n == 0 ? end_ : 0;
    prev_[end_] = n == 0 ? end_ : n - 1;
  }
  std::uint32_t head() const { return next_[end_]; }
  std::uint32_t next(std::uint32_t i) const { return next_[i]; }
  std::uint32_t end() const { return end_; }
  void erase(std::uint32_t i) {
    next_[prev_[i]] = next_[i];
    prev_[next_[i]] = prev_[i];
  }

 private:
  std::vector<std::uint32_t> next_, prev_;
  std::uint32_t end_;
};

// The elements one node's final reads lack.
struct NodeGaps {
  std::size_t final_reads = 0;
  std::vector<char> missing;  // per element id
  CappedList listed;
};

}  // namespace

CheckResult SetFullChecker::check(const history::History& history) const {
  CheckResult r;
  json::object& d = r.details;
  if (history.size() >= kNoPosition) throw std::invalid_argument("history too long for set-full (>4G ops)");
  const auto invocation = history::invocation_of(history);

  // Pass 1: elements from add invocations (in history order), add oks, ok reads.
  ValueIndex elements;
  ElementState st;
  std::vector<Read> reads;
  CappedList malformed;
  std::size_t add_ops = 0, final_reads = 0;
  for (std::size_t i = 0; i < history.size(); ++i) {
    const Op& op = history[i];
    if (op.process == history::kNemesisProcess) continue;
    if (op.f == options_.add_f) {
      ++add_ops;
      if (op.type == OpType::Invoke) {
        std::uint32_t id = elements.intern(op.value);
        if (id == st.size()) st.push(static_cast<std::uint32_t>(i));
      } else if (op.type == OpType::Ok) {
        // The reply may not repeat the element (broadcast_ok doesn't): take it
        // from the invocation.
        const Op& src = invocation[i] >= 0 ? history[static_cast<std::size_t>(invocation[i])] : op;
        std::uint32_t id = elements.find(src.value);
        if (id != ValueIndex::kMissing && st.add_ok[id] == kNoPosition)
          st.add_ok[id] = static_cast<std::uint32_t>(i);
      }
    } else if (op.f == options_.read_f && op.type == OpType::Ok) {
      if (!history::value_is_array(op)) {
        malformed.add(op_evidence(op));
        continue;
      }
      std::uint32_t inv =
          invocation[i] >= 0 ? static_cast<std::uint32_t>(invocation[i]) : static_cast<std::uint32_t>(i);
      reads.push_back({inv, static_cast<std::uint32_t>(i)});
      final_reads += op.final;
    }
  }
  const std::uint32_t added = static_cast<std::uint32_t>(st.size());
  elements.build_dense();

  // Pass 2: reads from the latest invocation to the earliest, so the first read
  // to show (or miss) an element is the one Jepsen keeps as last-present
  // (last-absent).
  std::vector<std::uint32_t> order(reads.size());
  for (std::uint32_t k = 0; k < order.size(); ++k) order[k] = k;
  std::sort(order.begin(), order.end(), [&](auto a, auto b) { return reads[a].inv > reads[b].inv; });

  std::vector<std::uint32_t> stamp(added, kNoPosition);  // last read that showed the element
  std::vector<std::uint32_t> first_unexpected_read;      // for ids >= added
  std::vector<char> early_read(added, 0);                // read before its add was invoked
  std::vector<char> duplicated(added, 0);
  CappedList unexpected, duplicates;
  std::size_t duplicated_elements = 0;
  Unresolved unresolved(added);
  std::unordered_map<std::uint32_t, std::uint32_t> dup_in_read;  // element -> times, for the current read

  for (std::uint32_t rk : order) {
    const Read& rd = reads[rk];
    const Op& op = history[rd.comp];
    dup_in_read.clear();
    for (const json::value& v : history::elements_of(op)) {
      std::uint32_t id = elements.find(v);
      if (id == ValueIndex::kMissing) {
        id = elements.intern(v);
        stamp.push_back(kNoPosition);
        duplicated.push_back(0);
        early_read.push_back(0);
      }
      if (stamp[id] == rk) {
        auto [it, fresh] = dup_in_read.try_emplace(id, 1);
        ++it->second;
        continue;
      }
      stamp[id] = rk;
      if (id >= added) {
        if (!early_read[id]) {
          early_read[id] = 1;
          unexpected.add(
              json::object{{"element", v}, {"reason", "never added"}, {"read", op_evidence_brief(op)}});
        }
        continue;
      }
      if (st.add_inv[id] > rd.comp) {
        // The read finished before anyone asked to add the element.
        if (!early_read[id]) {
          early_read[id] = 1;
          unexpected.add(json::object{{"element", v},
                                      {"reason", "read before its add was invoked"},
                                      {"read", op_evidence_brief(op)},
                                      {"add", op_evidence(history[st.add_inv[id]])}});
        }
        continue;
      }
      if (st.last_present[id] == kNoPosition) st.last_present[id] = rk;
      st.known_read[id] = std::min(st.known_read[id], rd.comp);
    }
    for (const auto& [id, times] : dup_in_read) {
      if (!duplicated[id]) {
        duplicated[id] = 1;
        ++duplicated_elements;
      }
      duplicates.add(
          json::object{{"element", elements.value(id)}, {"times", times}, {"read", op_evidence_brief(op)}});
    }
    for (std::uint32_t e = unresolved.head(); e != unresolved.end() && st.add_inv[e] < rd.comp;) {
      std::uint32_t nx = unresolved.next(e);
      if (stamp[e] != rk) {
        st.last_absent[e] = rk;
        unresolved.erase(e);
      }
      e = nx;
    }
  }

  // Pass 3: after the heal and the quiesce every node must hold every element
  // known before its final read began. Jepsen judges "lost" by the read
  // invoked last alone, so an element one node never got passes as stale
  // whenever another node's final read came later; here a gap in any final
  // read is a loss on that read's node.
  auto known_at = [&](std::uint32_t e) { return std::min(st.add_ok[e], st.known_read[e]); };
  std::vector<std::uint32_t> final_gaps(added, 0);  // final reads that lack the element
  std::map<std::string, NodeGaps> gaps_by_node;
  {
    std::vector<std::uint32_t> seen(added, kNoPosition);
    for (std::uint32_t rk = 0; rk < reads.size(); ++rk) {
      const Op& op = history[reads[rk].comp];
      if (!op.final) continue;
      for (const json::value& v : history::elements_of(op))
        if (std::uint32_t id = elements.find(v); id < added) seen[id] = rk;
      NodeGaps& gaps = gaps_by_node[op.node.empty() ? "(unknown node)" : op.node];
      if (gaps.final_reads++ == 0) gaps.missing.assign(added, 0);
      for (std::uint32_t e = 0; e < added; ++e) {
        if (seen[e] == rk || known_at(e) == kNoPosition || known_at(e) >= reads[rk].inv) continue;
        ++final_gaps[e];
        if (!gaps.missing[e]) {
          gaps.missing[e] = 1;
          gaps.listed.add(elements.value(e));
        }
      }
    }
  }

  // Classify each element.
  auto time_at = [&](std::uint32_t pos) { return history[pos].time; };
  std::size_t stable_count = 0;
  std::vector<std::int64_t> stable_lat, lost_lat;
  std::vector<std::pair<std::int64_t, std::uint32_t>> stale;  // latency ns, element
  std::vector<std::uint32_t> lost_ids;
  CappedList never_read;
  std::size_t lost_count = 0;
  for (std::uint32_t e = 0; e < added; ++e) {
    const std::uint32_t known_pos = known_at(e);
    const std::uint32_t lp = st.last_present[e], la = st.last_absent[e];
    const bool stable =
        final_gaps[e] == 0 && lp != kNoPosition && (la == kNoPosition || reads[la].inv < reads[lp].inv);
    const bool lost = final_gaps[e] > 0 ||
                      (known_pos != kNoPosition && la != kNoPosition &&
                       (lp == kNoPosition || reads[lp].inv < reads[la].inv) && known_pos < reads[la].inv);
    if (stable) {
      ++stable_count;
      std::int64_t stable_time = la == kNoPosition ? 0 : time_at(reads[la].inv) + 1;
      std::int64_t lat = std::max<std::int64_t>(0, stable_time - time_at(known_pos));
      stable_lat.push_back(lat);
      if (lat > 0) stale.emplace_back(lat, e);
    } else if (lost) {
      ++lost_count;
      std::int64_t lost_time = lp == kNoPosition ? 0 : time_at(reads[lp].inv) + 1;
      lost_lat.push_back(std::max<std::int64_t>(0, lost_time - time_at(known_pos)));
      if (lost_ids.size() < kDetailCap) lost_ids.push_back(e);
    } else {
      never_read.add(elements.value(e));
    }
  }

  // Lost elements with the ops that prove them, including which final reads missed them.
  json::array lost_list;
  {
    std::unordered_map<std::uint32_t, std::size_t> slot;
    for (std::size_t k = 0; k < lost_ids.size(); ++k) slot[lost_ids[k]] = k;
    std::vector<std::vector<char>> in_final(lost_ids.size());
    std::vector<std::uint32_t> final_pos;
    for (const Read& rd : reads)
      if (history[rd.comp].final) final_pos.push_back(rd.comp);
    std::sort(final_pos.begin(), final_pos.end());
    for (auto& flags : in_final) flags.assign(final_pos.size(), 0);
    if (!slot.empty()) {
      for (std::size_t f = 0; f < final_pos.size(); ++f)
        for (const json::value& v : history::elements_of(history[final_pos[f]])) {
          std::uint32_t id = elements.find(v);
          if (auto it = slot.find(id); it != slot.end()) in_final[it->second][f] = 1;
        }
    }
    for (std::size_t k = 0; k < lost_ids.size(); ++k) {
      const std::uint32_t e = lost_ids[k];
      const std::uint32_t known_pos = std::min(st.add_ok[e], st.known_read[e]);
      json::object entry{{"element", elements.value(e)},
                         {"add", op_evidence(history[st.add_inv[e]])},
                         {"known", op_evidence_brief(history[known_pos])},
                         {"last-absent-read", op_evidence_brief(history[reads[st.last_absent[e]].comp])}};
      if (st.add_ok[e] != kNoPosition) entry["add-ok"] = op_evidence(history[st.add_ok[e]]);
      if (st.last_present[e] != kNoPosition)
        entry["last-present-read"] = op_evidence_brief(history[reads[st.last_present[e]].comp]);
      json::array missed, on_nodes;
      std::size_t missed_count = 0;
      for (std::size_t f = 0; f < final_pos.size(); ++f) {
        if (in_final[k][f]) continue;
        ++missed_count;
        const Op& read = history[final_pos[f]];
        if (missed.size() < kMissedReadsPerLost) missed.push_back(op_evidence_brief(read));
        if (!read.node.empty() &&
            std::find(on_nodes.begin(), on_nodes.end(), json::value(read.node)) == on_nodes.end())
          on_nodes.emplace_back(read.node);
      }
      entry["final-reads-missing-count"] = missed_count;
      entry["final-reads-missing"] = std::move(missed);
      entry["missing-on-nodes"] = std::move(on_nodes);
      lost_list.push_back(std::move(entry));
    }
  }

  // Stale: all counted, the first few listed, the worst eight in detail.
  std::sort(stale.begin(), stale.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  json::array stale_list, worst;
  for (std::size_t k = 0; k < stale.size(); ++k) {
    const std::uint32_t e = stale[k].second;
    if (stale_list.size() < kDetailCap) stale_list.push_back(elements.value(e));
    if (worst.size() < kWorstStale) {
      const std::uint32_t known_pos = std::min(st.add_ok[e], st.known_read[e]);
      json::object w{{"element", elements.value(e)},
                     {"stable-latency-ms", static_cast<double>(stale[k].first) / 1e6},
                     {"known", op_evidence_brief(history[known_pos])},
                     {"last-absent-read", op_evidence_brief(history[reads[st.last_absent[e]].comp])}};
      worst.push_back(std::move(w));
    }
  }

  d["attempt-count"] = added;
  d["add-op-count"] = add_ops;
  d["read-count"] = reads.size();
  d["final-read-count"] = final_reads;
  d["stable-count"] = stable_count;
  d["lost-count"] = lost_count;
  d["lost"] = std::move(lost_list);
  if (lost_count > lost_ids.size()) d["lost-truncated"] = true;
  json::object by_node;
  std::string gap_summary;
  for (auto& [node, gaps] : gaps_by_node) {
    json::object g{{"final-read-count", gaps.final_reads}};
    if (gaps.listed.count()) {
      gap_summary +=
          (gap_summary.empty() ? "" : ", ") + node + " (" + std::to_string(gaps.listed.count()) + ")";
    }
    gaps.listed.put(g, "lost");
    by_node[node] = std::move(g);
  }
  if (!by_node.empty()) d["final-reads-by-node"] = std::move(by_node);
  never_read.put(d, "never-read");
  d["stale-count"] = stale.size();
  d["stale"] = std::move(stale_list);
  d["worst-stale"] = std::move(worst);
  d["stable-latencies"] = quantiles_ms(stable_lat);
  d["lost-latencies"] = quantiles_ms(lost_lat);
  d["duplicated-count"] = duplicated_elements;
  duplicates.put(d, "duplicated-reads");
  unexpected.put(d, "unexpected");
  {
    const std::vector<std::string> add{options_.add_f}, read{options_.read_f};
    declare_evidence(d, {lost_field(add, read), never_read_field(add, read), stale_field(add, read),
                         unexpected_field(add, read)});
  }
  if (!malformed.empty()) malformed.put(d, "malformed-reads");

  std::vector<std::string> why;
  if (lost_count) {
    why.push_back(std::to_string(lost_count) + " elements lost" +
                  (gap_summary.empty() ? "" : " (missing from the final reads of " + gap_summary + ")"));
  }
  if (duplicated_elements)
    why.push_back(std::to_string(duplicated_elements) + " elements returned twice by one read");
  if (!unexpected.empty()) why.push_back(std::to_string(unexpected.count()) + " unexpected elements read");
  if (options_.linearizable && !stale.empty())
    why.push_back(std::to_string(stale.size()) + " elements read stale (linearizable)");
  if (!why.empty()) {
    r.verdict = Verdict::Invalid;
    std::string reason;
    for (const auto& w : why) reason += (reason.empty() ? "" : "; ") + w;
    d["reason"] = reason;
  } else if (stable_count == 0) {
    r.verdict = Verdict::Unknown;
    d["reason"] = added == 0 && reads.empty()
                      ? "the history has no " + options_.add_f + " or " + options_.read_f + " operations"
                  : reads.empty() ? "no " + options_.read_f + " succeeded, so no element could be confirmed"
                                  : "no element was stably read";
  } else if (!malformed.empty()) {
    r.verdict = Verdict::Unknown;
    d["reason"] = std::to_string(malformed.count()) + " reads returned something other than a list";
  } else {
    r.verdict = Verdict::Valid;
  }
  return r;
}

}  // namespace faultline::checkers
