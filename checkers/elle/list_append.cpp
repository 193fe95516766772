#include "checkers/elle/list_append.hpp"

#include <algorithm>
#include <stdexcept>

namespace faultline::checkers::elle {

namespace json = boost::json;

constexpr const char* kListAppendMops = "a list-append history has only [r k list] and [append k v]";

ListAppendInference::ListAppendInference(const Transactions& txns, DependencyGraph& graph,
                                         AnomalyLog& anomalies)
    : txns_(txns) {
  keys_.resize(txns.key_count());
  seen_.assign(txns.value_count(), 0);
  appends_.reserve(txns.mop_count() / 2);
  const MopsByKey by_key(txns);
  for (std::uint32_t k = 0; k < txns.key_count(); ++k) infer_key(k, by_key[k], graph, anomalies);
  for (std::uint32_t t = 0; t < txns.size(); ++t)
    if (txns.txn(t).status == TxnStatus::Ok) check_internal(t, anomalies);
}

ListAppendInference::Append* ListAppendInference::find_append(std::uint32_t key, std::uint32_t value) {
  const Key& k = keys_[key];
  const auto first = appends_.begin() + k.appends, last = first + k.appends_length;
  auto it =
      std::lower_bound(first, last, value, [](const Append& a, std::uint32_t v) { return a.value < v; });
  return it != last && it->value == value ? &*it : nullptr;
}

const ListAppendInference::Append* ListAppendInference::find_append(std::uint32_t key,
                                                                    std::uint32_t value) const {
  return const_cast<ListAppendInference*>(this)->find_append(key, value);
}

std::uint32_t ListAppendInference::read_end(const Mop& read) const {
  const auto list = txns_.list(read);
  const auto ord = order(read.key);
  if (list.size() > ord.size() || !std::equal(list.begin(), list.end(), ord.begin())) return kNone;
  return static_cast<std::uint32_t>(list.size());
}

void ListAppendInference::infer_key(std::uint32_t key, std::span<const std::uint32_t> group,
                                    DependencyGraph& graph, AnomalyLog& anomalies) {
  Key& k = keys_[key];
  k.appends = static_cast<std::uint32_t>(appends_.size());
  std::vector<std::uint32_t> reads;
  std::uint32_t last_appender = kNone;
  for (std::uint32_t m : group) {
    const Mop& mop = txns_.mop(m);
    const std::uint32_t t = txns_.txn_of_mop(m);
    if (mop.kind == MopKind::Write) txns_.reject_mop(m, "a write micro-op", kListAppendMops);
    if (mop.kind == MopKind::Append) {
      // Micro-ops of one transaction are adjacent in the key's group.
      if (last_appender == t) appends_.back().intermediate = true;
      appends_.push_back({mop.value, m});
      last_appender = t;
    } else if (mop.known) {
      if (!mop.nil && !mop.is_list)
        txns_.reject_mop(m,
                         "a read of key " + value_text(txns_.key(key)) + " that returned " +
                             value_text(txns_.value(mop.value)) + ", not a list",
                         kListAppendMops);
      reads.push_back(m);
    }
  }
  k.appends_length = static_cast<std::uint32_t>(appends_.size()) - k.appends;
  std::stable_sort(appends_.begin() + k.appends, appends_.end(),
                   [](const Append& a, const Append& b) { return a.value < b.value; });

  // The version order: the longest read, each element once.
  const Mop* longest = nullptr;
  for (std::uint32_t m : reads)
    if (!longest || txns_.mop(m).length > longest->length) longest = &txns_.mop(m);
  k.order = static_cast<std::uint32_t>(order_.size());
  if (longest) {
    ++stamp_;
    for (std::uint32_t v : txns_.list(*longest)) {
      if (seen_[v] == stamp_) continue;
      seen_[v] = stamp_;
      order_.push_back(v);
    }
  }
  k.order_length = static_cast<std::uint32_t>(order_.size()) - k.order;
  std::uint32_t first_failed = kNone, first_garbage = kNone;
  for (std::uint32_t i = 0; i < k.order_length; ++i) {
    const std::uint32_t v = order_[k.order + i];
    Append* a = find_append(key, v);
    std::uint32_t writer = kNone;
    if (a) {
      a->pos = i;
      writer = txns_.txn_of_mop(a->mop);
      if (txns_.txn(writer).status == TxnStatus::Fail && first_failed == kNone) first_failed = i;
    } else if (first_garbage == kNone) {
      first_garbage = i;
    }
    order_writer_.push_back(writer);
  }
  const auto ord = order(key);
  const auto writer_at = [&](std::uint32_t i) { return order_writer_[k.order + i]; };

  // ww, and dirty updates: committed appends built on a failed one.
  for (std::uint32_t i = 0; i + 1 < ord.size(); ++i) {
    const std::uint32_t w1 = writer_at(i), w2 = writer_at(i + 1);
    if (w1 == kNone || w2 == kNone) continue;
    const auto s1 = txns_.txn(w1).status, s2 = txns_.txn(w2).status;
    if (s1 == TxnStatus::Fail && s2 != TxnStatus::Fail) {
      anomalies.report("dirty-update", [&] {
        return json::object{
            {"key", txns_.key(key)},
            {"failed", txn_evidence(txns_, w1)},
            {"then", txn_evidence(txns_, w2)},
            {"because", "the failed transaction appended " + value_text(txns_.value(ord[i])) + " to key " +
                            value_text(txns_.key(key)) + ", and the committed one appended " +
                            value_text(txns_.value(ord[i + 1])) + " right after it"}};
      });
    }
    if (s1 != TxnStatus::Fail && s2 != TxnStatus::Fail) graph.add(w1, w2, kWW);
  }

  for (std::uint32_t m : reads) {
    const Mop& read = txns_.mop(m);
    const std::uint32_t reader = txns_.txn_of_mop(m);
    const auto list = txns_.list(read);
    const auto read_json = [&] {
      return json::object{{"key", txns_.key(key)}, {"op", txn_evidence(txns_, reader)}};
    };
    const auto shown = [&] {
      return "read key " + value_text(txns_.key(key)) + " = " + list_text(txns_, list);
    };
    const auto who = [&] { return txn_name(txns_, reader); };

    ++stamp_;
    bool duplicated = false;
    for (std::uint32_t v : list) {
      if (seen_[v] == stamp_ && !duplicated) {
        duplicated = true;
        anomalies.report("duplicate-elements", [&] {
          json::object e = read_json();
          e["value"] = txns_.value(v);
          e["because"] = who() + " " + shown() + ", where " + value_text(txns_.value(v)) + " appears twice";
          return e;
        });
      }
      seen_[v] = stamp_;
    }
    const std::uint32_t end = duplicated ? kNone : read_end(read);
    if (end == kNone && !duplicated) {
      anomalies.report("incompatible-order", [&] {
        json::object e = read_json();
        e["because"] = who() + " " + shown() + ", which is not a prefix of the longest read of that key, " +
                       list_text(txns_, ord);
        return e;
      });
    }

    // Elements nobody appended, or whose append failed.
    std::uint32_t garbage = kNone, aborted = kNone;
    if (end != kNone) {
      if (first_garbage < end) garbage = ord[first_garbage];
      if (first_failed < end) aborted = ord[first_failed];
    } else {
      for (std::uint32_t v : list) {
        const Append* a = find_append(key, v);
        if (!a && garbage == kNone) garbage = v;
        if (a && txns_.txn(txns_.txn_of_mop(a->mop)).status == TxnStatus::Fail && aborted == kNone)
          aborted = v;
      }
    }
    if (garbage != kNone) {
      anomalies.report("garbage-read", [&] {
        json::object e = read_json();
        e["value"] = txns_.value(garbage);
        e["because"] =
            who() + " " + shown() + ", but no transaction appended " + value_text(txns_.value(garbage));
        return e;
      });
    }
    if (aborted != kNone) {
      anomalies.report("G1a", [&] {
        json::object e = read_json();
        e["value"] = txns_.value(aborted);
        e["writer"] = txn_evidence(txns_, txns_.txn_of_mop(find_append(key, aborted)->mop));
        e["because"] = who() + " " + shown() + ", but the transaction that appended " +
                       value_text(txns_.value(aborted)) + " failed";
        return e;
      });
    }

    // wr (and intermediate reads) from the last element.
    if (!list.empty()) {
      const Append* a = find_append(key, list.back());
      const std::uint32_t w = a ? txns_.txn_of_mop(a->mop) : kNone;
      if (w != kNone && w != reader && txns_.txn(w).status != TxnStatus::Fail) {
        graph.add(w, reader, kWR);
        if (a->intermediate)
          anomalies.report("G1b", [&] {
            json::object e = read_json();
            e["value"] = txns_.value(list.back());
            e["writer"] = txn_evidence(txns_, w);
            e["because"] = who() + " " + shown() + ", but the transaction that appended " +
                           value_text(txns_.value(list.back())) + " appended to that key again afterwards";
            return e;
          });
      }
    }
    // rw to whoever appended the next element.
    if (end != kNone && end < ord.size()) {
      const std::uint32_t w = writer_at(end);
      if (w != kNone && w != reader && txns_.txn(w).status != TxnStatus::Fail) graph.add(reader, w, kRW);
    }
  }
}

void ListAppendInference::check_internal(std::uint32_t t, AnomalyLog& anomalies) const {
  const auto mops = txns_.mops(t);
  if (mops.size() < 2) return;
  // What the transaction itself has established about each key it touched:
  // the whole list once it read it, else only the suffix it appended.
  struct State {
    std::uint32_t key;
    bool read;
    std::vector<std::uint32_t> list;
  };
  std::vector<State> states;
  auto state = [&](std::uint32_t key) -> State& {
    for (auto& s : states)
      if (s.key == key) return s;
    states.push_back({key, false, {}});
    return states.back();
  };
  for (const Mop& mop : mops) {
    State& s = state(mop.key);
    if (mop.kind == MopKind::Append) {
      s.list.push_back(mop.value);
      continue;
    }
    if (mop.kind != MopKind::Read || !mop.known) continue;
    const auto got = txns_.list(mop);
    const bool consistent = s.read ? std::equal(got.begin(), got.end(), s.list.begin(), s.list.end())
                                   : got.size() >= s.list.size() &&
                                         std::equal(s.list.begin(), s.list.end(),
                                                    got.end() - static_cast<std::ptrdiff_t>(s.list.size()));
    if (!consistent) {
      const std::string expected =
          s.read ? list_text(txns_, s.list) : "a list ending in " + list_text(txns_, s.list);
      anomalies.report("internal", [&] {
        return json::object{{"key", txns_.key(mop.key)},
                            {"op", txn_evidence(txns_, t)},
                            {"because", txn_name(txns_, t) + " read key " + value_text(txns_.key(mop.key)) +
                                            " = " + list_text(txns_, got) +
                                            " after its own earlier micro-ops " + "implied " + expected}};
      });
    }
    s.read = true;
    s.list.assign(got.begin(), got.end());
  }
}

std::string ListAppendInference::because(std::uint32_t from, std::uint32_t to, std::uint8_t label,
                                         const std::string& a, const std::string& b) const {
  if (label == kWW) {
    for (const Mop& mop : txns_.mops(from)) {
      if (mop.kind != MopKind::Append) continue;
      const Append* x = find_append(mop.key, mop.value);
      const auto ord = order(mop.key);
      if (!x || x->pos == kNone || x->pos + 1 >= ord.size()) continue;
      if (order_writer_[keys_[mop.key].order + x->pos + 1] != to) continue;
      return a + " appended " + value_text(txns_.value(mop.value)) + " to key " +
             value_text(txns_.key(mop.key)) + ", and " + b + " appended " +
             value_text(txns_.value(ord[x->pos + 1])) + " right after it";
    }
  } else if (label == kWR) {
    for (const Mop& mop : txns_.mops(to)) {
      if (mop.kind != MopKind::Read || !mop.known || mop.length == 0) continue;
      const auto list = txns_.list(mop);
      const Append* x = find_append(mop.key, list.back());
      if (!x || txns_.txn_of_mop(x->mop) != from) continue;
      return b + " read key " + value_text(txns_.key(mop.key)) + " = " + list_text(txns_, list) +
             ", whose last element " + value_text(txns_.value(list.back())) + " " + a + " appended";
    }
  } else if (label == kRW) {
    for (const Mop& mop : txns_.mops(from)) {
      if (mop.kind != MopKind::Read || !mop.known) continue;
      const std::uint32_t end = read_end(mop);
      const auto ord = order(mop.key);
      if (end == kNone || end >= ord.size() || order_writer_[keys_[mop.key].order + end] != to) continue;
      const auto list = txns_.list(mop);
      return a + " read key " + value_text(txns_.key(mop.key)) + " = " + list_text(txns_, list) + ", and " +
             b + " appended " + value_text(txns_.value(ord[end])) +
             (list.empty() ? ", its first element" : ", the next element");
    }
  }
  return a + " precedes " + b;  // not reached for edges this inference added
}

}  // namespace faultline::checkers::elle
