#include "checkers/elle/rw_register.hpp"

#include <algorithm>
#include <stdexcept>

namespace faultline::checkers::elle {

namespace json = boost::json;

constexpr const char* kRwRegisterMops = "an rw-register history has only [r k v] and [w k v]";

RwRegisterInference::RwRegisterInference(const Transactions& txns, DependencyGraph& graph,
                                         AnomalyLog& anomalies)
    : txns_(txns) {
  keys_.resize(txns.key_count());
  const MopsByKey by_key(txns);
  for (std::uint32_t k = 0; k < txns.key_count(); ++k) infer_key(k, by_key[k], graph, anomalies);
  for (std::uint32_t t = 0; t < txns.size(); ++t)
    if (txns.txn(t).status == TxnStatus::Ok) check_internal(t, anomalies);
}

const RwRegisterInference::Write* RwRegisterInference::find_write(std::uint32_t key,
                                                                  std::uint32_t value) const {
  const Key& k = keys_[key];
  const auto first = writes_.begin() + k.writes, last = first + k.writes_length;
  auto it = std::lower_bound(first, last, value, [](const Write& w, std::uint32_t v) { return w.value < v; });
  return it != last && it->value == value ? &*it : nullptr;
}

std::string RwRegisterInference::shown(std::uint32_t key, std::uint32_t value) const {
  return "key " + value_text(txns_.key(key)) + " = " +
         (value == kNone ? std::string("nil") : value_text(txns_.value(value)));
}

void RwRegisterInference::infer_key(std::uint32_t key, std::span<const std::uint32_t> group,
                                    DependencyGraph& graph, AnomalyLog& anomalies) {
  Key& k = keys_[key];
  k.writes = static_cast<std::uint32_t>(writes_.size());
  std::vector<Read> reads;
  std::uint32_t current = kNone;  // the transaction whose micro-ops we are in
  bool touched = false;           // it already read or wrote the key
  std::size_t its_read = SIZE_MAX;
  for (std::uint32_t m : group) {
    const Mop& mop = txns_.mop(m);
    const std::uint32_t t = txns_.txn_of_mop(m);
    if (t != current) {
      current = t;
      touched = false;
      its_read = SIZE_MAX;
    }
    if (mop.kind == MopKind::Append) txns_.reject_mop(m, "an append micro-op", kRwRegisterMops);
    if (mop.kind == MopKind::Write) {
      if (touched && writes_.size() > k.writes && writes_.back().txn == t) writes_.back().final = false;
      writes_.push_back({mop.value, t});
      if (its_read != SIZE_MAX) reads[its_read].wrote = mop.value;
    } else if (mop.known) {
      if (mop.is_list) txns_.reject_mop(m, "a read that returned a list", kRwRegisterMops);
      if (!touched) {
        its_read = reads.size();
        reads.push_back({mop.nil ? kNone : mop.value, t, kNone});
      }
    }
    touched = true;
  }
  k.writes_length = static_cast<std::uint32_t>(writes_.size()) - k.writes;
  const auto first = writes_.begin() + k.writes;
  std::stable_sort(first, writes_.end(), [](const Write& a, const Write& b) { return a.value < b.value; });
  std::sort(reads.begin(), reads.end(), [](const Read& a, const Read& b) {
    return a.value != b.value ? a.value < b.value : a.txn < b.txn;
  });
  auto readers_of = [&](std::uint32_t value) {
    auto lo = std::lower_bound(reads.begin(), reads.end(), value,
                               [](const Read& r, std::uint32_t v) { return r.value < v; });
    auto hi = std::upper_bound(reads.begin(), reads.end(), value,
                               [](std::uint32_t v, const Read& r) { return v < r.value; });
    return std::span<const Read>(lo, hi);
  };
  auto committed = [&](const Write* w) { return w && txns_.txn(w->txn).status != TxnStatus::Fail; };

  for (const Read& r : reads) {
    if (r.value == kNone) continue;
    const Write* w = find_write(key, r.value);
    if (!w) {
      anomalies.report("garbage-read", [&] {
        return json::object{{"key", txns_.key(key)},
                            {"op", txn_evidence(txns_, r.txn)},
                            {"value", txns_.value(r.value)},
                            {"because", txn_name(txns_, r.txn) + " read " + shown(key, r.value) +
                                            ", which no transaction wrote"}};
      });
    } else if (!committed(w)) {
      anomalies.report("G1a", [&] {
        return json::object{{"key", txns_.key(key)},
                            {"op", txn_evidence(txns_, r.txn)},
                            {"value", txns_.value(r.value)},
                            {"writer", txn_evidence(txns_, w->txn)},
                            {"because", txn_name(txns_, r.txn) + " read " + shown(key, r.value) +
                                            ", written by a transaction that failed"}};
      });
    } else if (w->txn != r.txn) {
      graph.add(w->txn, r.txn, kWR);
      if (!w->final)
        anomalies.report("G1b", [&] {
          return json::object{{"key", txns_.key(key)},
                              {"op", txn_evidence(txns_, r.txn)},
                              {"value", txns_.value(r.value)},
                              {"writer", txn_evidence(txns_, w->txn)},
                              {"because", txn_name(txns_, r.txn) + " read " + shown(key, r.value) +
                                              ", which its writer overwrote within the same transaction"}};
        });
    }
  }

  // Writes follow reads: r.txn read r.value, then installed r.wrote after it.
  for (const Read& r : reads) {
    if (r.wrote == kNone || r.wrote == r.value) continue;
    if (r.value != kNone) {
      // This key's writes are the tail of writes_, sorted by value.
      auto to = std::lower_bound(first, writes_.end(), r.wrote,
                                 [](const Write& w, std::uint32_t v) { return w.value < v; });
      if (to != writes_.end() && to->value == r.wrote) to->follows_value = true;
      const Write* from = find_write(key, r.value);
      if (committed(from)) graph.add(from->txn, r.txn, kWW);
    }
    for (const Read& other : readers_of(r.value)) graph.add(other.txn, r.txn, kRW);
  }
  // Nil precedes every version; the first versions with nothing else known
  // before them carry its anti-dependencies (later ones are reached from them).
  const auto nil_readers = readers_of(kNone);
  if (!nil_readers.empty())
    for (auto it = first; it != writes_.end(); ++it)
      if (!it->follows_value && committed(&*it))
        for (const Read& r : nil_readers) graph.add(r.txn, it->txn, kRW);

  // Lost updates: two committed transactions read one version and both wrote the key.
  for (std::size_t i = 0; i < reads.size();) {
    std::size_t j = i;
    std::vector<std::uint32_t> writers;
    for (; j < reads.size() && reads[j].value == reads[i].value; ++j)
      if (reads[j].wrote != kNone) writers.push_back(reads[j].txn);
    if (writers.size() >= 2)
      anomalies.report("lost-update", [&] {
        json::array ops;
        for (auto t : writers) ops.push_back(txn_evidence(txns_, t));
        return json::object{
            {"key", txns_.key(key)},
            {"value", reads[i].value == kNone ? json::value(nullptr) : txns_.value(reads[i].value)},
            {"ops", std::move(ops)},
            {"because", std::to_string(writers.size()) + " committed transactions read " +
                            shown(key, reads[i].value) + " and each then wrote that key"}};
      });
    i = j;
  }
}

void RwRegisterInference::check_internal(std::uint32_t t, AnomalyLog& anomalies) const {
  const auto mops = txns_.mops(t);
  if (mops.size() < 2) return;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> known;  // key -> value (kNone: nil)
  for (const Mop& mop : mops) {
    auto it = std::find_if(known.begin(), known.end(), [&](const auto& kv) { return kv.first == mop.key; });
    const std::uint32_t value = mop.kind == MopKind::Write ? mop.value : mop.nil ? kNone : mop.value;
    if (mop.kind == MopKind::Read && !mop.known) continue;
    if (mop.kind == MopKind::Read && it != known.end() && it->second != value)
      anomalies.report("internal", [&] {
        return json::object{
            {"key", txns_.key(mop.key)},
            {"op", txn_evidence(txns_, t)},
            {"because", txn_name(txns_, t) + " read " + shown(mop.key, value) +
                            " after its own earlier micro-ops " + "left " + shown(mop.key, it->second)}};
      });
    if (it == known.end())
      known.emplace_back(mop.key, value);
    else
      it->second = value;
  }
}

std::pair<const Mop*, std::uint32_t> RwRegisterInference::external(std::uint32_t t, std::uint32_t key) const {
  const Mop* read = nullptr;
  std::uint32_t wrote = kNone;
  bool touched = false;
  for (const Mop& mop : txns_.mops(t)) {
    if (mop.key != key) continue;
    if (mop.kind == MopKind::Write) wrote = mop.value;
    if (mop.kind == MopKind::Read && mop.known && !touched) read = &mop;
    touched = true;
  }
  return {read, wrote};
}

std::string RwRegisterInference::because(std::uint32_t from, std::uint32_t to, std::uint8_t label,
                                         const std::string& a, const std::string& b) const {
  auto read_value = [](const Mop* m) { return m->nil ? kNone : m->value; };
  if (label == kWR || label == kWW) {
    for (const Mop& mop : txns_.mops(to)) {
      if (mop.kind != MopKind::Read) continue;
      const auto [read, wrote] = external(to, mop.key);
      if (read != &mop || mop.nil) continue;
      const Write* w = find_write(mop.key, mop.value);
      if (!w || w->txn != from) continue;
      if (label == kWR) return b + " read " + shown(mop.key, mop.value) + ", which " + a + " wrote";
      if (wrote != kNone && wrote != mop.value)
        return b + " read " + shown(mop.key, mop.value) + " (written by " + a + ") and then wrote " +
               value_text(txns_.value(wrote)) + " over it";
    }
  } else if (label == kRW) {
    for (const Mop& mop : txns_.mops(from)) {
      if (mop.kind != MopKind::Read) continue;
      const auto [read, _] = external(from, mop.key);
      if (read != &mop) continue;
      const auto [their_read, their_write] = external(to, mop.key);
      if (their_write == kNone) continue;
      if (their_read && read_value(their_read) == read_value(read))
        return a + " read " + shown(mop.key, read_value(read)) + ", and " + b +
               " read the same version and then wrote " + value_text(txns_.value(their_write)) + " over it";
      const Write* w = find_write(mop.key, their_write);
      if (mop.nil && w && !w->follows_value)
        return a + " read " + shown(mop.key, kNone) + " (the initial state), and " + b + " wrote " +
               value_text(txns_.value(their_write)) + ", a later version";
    }
  }
  return a + " precedes " + b;
}

}  // namespace faultline::checkers::elle
