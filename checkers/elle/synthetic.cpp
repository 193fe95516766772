#include "checkers/elle/synthetic.hpp"

#include <algorithm>
#include <map>
#include <random>
#include <unordered_map>
#include <vector>

#include "checkers/elle/txn_generator.hpp"
#include "history/seed.hpp"

namespace faultline::checkers::elle {

namespace {

namespace json = boost::json;
using history::OpType;

// The store: per key, its versions as (commit number, state). A list-append
// key's state is its length (its list only grows); a register's is its value.
class Store {
 public:
  explicit Store(bool append) : append_(append) {}
  std::uint64_t now() const { return commits_; }

  // Runs `txn` (reads filled in place) seeing the snapshot `at` plus its own
  // writes; commits unless `check_conflicts` finds a key it writes written
  // since `at`. Returns whether it committed.
  bool run(json::array& txn, std::uint64_t at, bool check_conflicts, bool commit) {
    std::map<std::int64_t, std::vector<std::int64_t>> own;  // key -> appended values, or the written value
    for (auto& m : txn) {
      auto& mop = m.as_array();
      const std::int64_t key = mop[1].as_int64();
      auto it = own.find(key);
      if (mop[0].as_string() == "r") {
        if (append_) {
          json::array list;
          const auto& values = lists_[key];
          const std::size_t n = version_at(key, at);
          list.reserve(n + (it != own.end() ? it->second.size() : 0));  // exact, as a parsed history's
          for (std::size_t i = 0; i < n; ++i) list.push_back(values[i]);
          if (it != own.end())
            for (auto v : it->second) list.push_back(v);
          mop[2] = std::move(list);
        } else if (it != own.end()) {
          mop[2] = it->second.back();
        } else {
          const auto& versions = versions_[key];
          const std::size_t n = version_at(key, at);
          mop[2] =
              n == 0 ? json::value(nullptr) : json::value(static_cast<std::int64_t>(versions[n - 1].second));
        }
      } else {
        own[key].push_back(mop[2].as_int64());
      }
    }
    if (check_conflicts)
      for (const auto& [key, _] : own) {
        const auto& versions = versions_[key];
        if (!versions.empty() && versions.back().first > at) return false;
      }
    if (!commit) return true;
    ++commits_;
    for (const auto& [key, values] : own) {
      if (append_) {
        auto& list = lists_[key];
        list.insert(list.end(), values.begin(), values.end());
        versions_[key].emplace_back(commits_, list.size());
      } else {
        versions_[key].emplace_back(commits_, static_cast<std::uint64_t>(values.back()));
      }
    }
    return true;
  }

 private:
  // How many versions of `key` were committed by commit `at`.
  std::size_t version_at(std::int64_t key, std::uint64_t at) {
    const auto& versions = versions_[key];
    const auto it = std::upper_bound(versions.begin(), versions.end(), at,
                                     [](std::uint64_t t, const auto& v) { return t < v.first; });
    if (!append_) return static_cast<std::size_t>(it - versions.begin());
    return it == versions.begin() ? 0 : static_cast<std::size_t>(std::prev(it)->second);
  }

  bool append_;
  std::uint64_t commits_ = 0;
  std::unordered_map<std::int64_t, std::vector<std::pair<std::uint64_t, std::uint64_t>>> versions_;
  std::unordered_map<std::int64_t, std::vector<std::int64_t>> lists_;
};

struct Client {
  std::int64_t process = 0;
  bool busy = false;
  std::uint64_t snapshot = 0;
  json::array txn;
};

}  // namespace

history::History synthesize_txn_history(const SyntheticTxnSpec& spec) {
  auto rng = history::make_rng(spec.seed, "synthetic-txn-history");
  TxnGenerator generator(
      {spec.append, spec.key_count, spec.min_length, spec.max_length, spec.max_writes_per_key});
  Store store(spec.append);
  const bool si = spec.isolation == SimulatedIsolation::SnapshotIsolation;
  std::vector<Client> clients(static_cast<std::size_t>(std::max(1, spec.processes)));
  for (std::size_t i = 0; i < clients.size(); ++i) clients[i].process = static_cast<std::int64_t>(i);

  history::History h;
  h.reserve(static_cast<std::size_t>(spec.txns) * 2);
  auto emit = [&](std::int64_t process, OpType type, json::value value) {
    history::Op op;
    op.index = static_cast<std::int64_t>(h.size());
    op.time = op.index * 1000;
    op.process = process;
    op.type = type;
    op.f = "txn";
    op.value = std::move(value);
    h.push_back(std::move(op));
  };
  std::bernoulli_distribution crash(spec.crash_rate), coin(0.5);
  std::int64_t invoked = 0;
  std::size_t busy = 0;
  while (invoked < spec.txns || busy > 0) {
    Client& c = clients[static_cast<std::size_t>(rng() % clients.size())];
    if (!c.busy) {
      if (invoked >= spec.txns) continue;
      ++invoked;
      ++busy;
      c.busy = true;
      c.txn = generator.next(rng);
      c.snapshot = store.now();
      emit(c.process, OpType::Invoke, c.txn);
      continue;
    }
    c.busy = false;
    --busy;
    json::array run = c.txn;
    if (crash(rng)) {
      // Took effect or not; nobody will know which.
      if (coin(rng)) store.run(run, si ? c.snapshot : store.now(), si, true);
      emit(c.process, OpType::Info, c.txn);
      c.process += static_cast<std::int64_t>(clients.size());
    } else if (store.run(run, si ? c.snapshot : store.now(), si, true)) {
      emit(c.process, OpType::Ok, std::move(run));
    } else {
      emit(c.process, OpType::Fail, c.txn);
    }
  }
  return h;
}

}  // namespace faultline::checkers::elle
