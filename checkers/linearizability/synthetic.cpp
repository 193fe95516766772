#include "checkers/linearizability/synthetic.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <vector>

#include "history/seed.hpp"

namespace faultline::checkers::lin {
namespace {

namespace json = boost::json;
using history::Op;
using history::OpType;

struct Slot {
  std::int64_t process = 0;
  bool busy = false;
  bool applied = false;
  bool crash = false;
  std::string f;
  json::value key;
  json::value arg;     // write value or [from, to]
  json::value result;  // read value
  bool cas_failed = false;
  std::size_t rec = 0;  // its entry in Recs
};

// Where each op sits in the history, for corrupt_stale.
struct Rec {
  std::size_t invoke = 0, complete = SIZE_MAX;  // history positions
  OpType type = OpType::Invoke;                 // of the completion
  std::string f;
  json::value arg;
};

// The value an op writes when it takes effect (write, cas), or null.
const json::value* written(const Rec& r) {
  if (r.f == "write") return &r.arg;
  if (r.f == "cas") return &r.arg.as_array()[1];
  return nullptr;
}

// corrupt_stale: a value for the read at `read` that no order explains, or
// null. Tries a few written values at random.
json::value stale_value(const std::vector<Rec>& recs, const Rec& read, std::size_t history_size,
                        const std::function<int(int)>& uniform) {
  // Writers per value (serialized), in invoke order.
  std::map<std::string, std::vector<std::size_t>> writers;
  for (std::size_t i = 0; i < recs.size(); ++i)
    if (const json::value* v = written(recs[i]); v && recs[i].type != OpType::Fail)
      writers[json::serialize(*v)].push_back(i);
  std::vector<const std::pair<const std::string, std::vector<std::size_t>>*> candidates;
  const std::size_t gap = history_size / 10;
  for (const auto& entry : writers) {
    bool fits = entry.first != "null" && entry.first != json::serialize(read.arg);
    for (std::size_t i : entry.second)
      fits = fits && recs[i].type == OpType::Ok && recs[i].complete + gap < read.invoke;
    if (fits) candidates.push_back(&entry);
  }
  for (int attempt = 0; attempt < 100 && !candidates.empty(); ++attempt) {
    const auto& [value, list] = *candidates[uniform(static_cast<int>(candidates.size()))];
    // Each writer overwritten, strictly between its completion and the read.
    bool every = true;
    for (std::size_t w : list) {
      bool overwritten = false;
      for (std::size_t j = w + 1; j < recs.size() && recs[j].invoke < read.invoke && !overwritten; ++j) {
        const json::value* v = written(recs[j]);
        overwritten = v && recs[j].type == OpType::Ok && recs[j].invoke > recs[w].complete &&
                      recs[j].complete < read.invoke && json::serialize(*v) != value;
      }
      every = every && overwritten;
    }
    if (every) return json::parse(value);
  }
  return nullptr;
}

}  // namespace

history::History synthesize_register_history(const SyntheticSpec& spec) {
  auto rng = history::make_rng(spec.seed, "synthetic-register-history");
  auto uniform = [&](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(std::max(n, 1))); };
  auto chance = [&](double p) { return static_cast<double>(rng() % 1000000) < p * 1000000.0; };

  std::vector<bool> crash_at(spec.ops, false);
  for (int i = 0; i < std::min(spec.crashes, spec.ops); ++i) {
    int at;
    do at = uniform(spec.ops);
    while (crash_at[at]);
    crash_at[at] = true;
  }

  std::map<json::value, json::value, bool (*)(const json::value&, const json::value&)> registers(
      [](const json::value& a, const json::value& b) { return json::serialize(a) < json::serialize(b); });
  auto wrap = [&](const json::value& key, json::value v) -> json::value {
    if (spec.keys == 0) return v;
    return json::array{key, std::move(v)};
  };

  history::History h;
  std::vector<Slot> slots(std::max(spec.processes, 1));
  for (std::size_t i = 0; i < slots.size(); ++i) slots[i].process = static_cast<std::int64_t>(i);
  std::int64_t next_process = static_cast<std::int64_t>(slots.size());
  int invoked = 0, busy = 0;
  std::vector<Rec> recs;
  std::int64_t fresh = 1;               // unique_values: the next value to write
  std::vector<json::value> recent;      // unique_values: the last values written, for cas to expect
  auto emit = [&](std::int64_t process, OpType type, const std::string& f, json::value value) {
    Op op;
    op.index = static_cast<std::int64_t>(h.size());
    op.time = op.index * 1000;
    op.process = process;
    op.type = type;
    op.f = f;
    op.value = std::move(value);
    h.push_back(std::move(op));
  };

  while (invoked < spec.ops || busy > 0) {
    Slot& s = slots[uniform(static_cast<int>(slots.size()))];
    if (!s.busy) {
      if (invoked >= spec.ops) continue;
      s.busy = true;
      s.applied = false;
      s.cas_failed = false;
      s.crash = crash_at[invoked++];
      ++busy;
      s.key = spec.keys ? json::value(uniform(spec.keys)) : json::value(nullptr);
      int r = uniform(100);
      if (r < 40) {
        s.f = "read";
        s.arg = nullptr;
      } else if (r < 75 || !spec.with_cas) {
        s.f = "write";
        s.arg = spec.unique_values ? json::value(fresh++) : json::value(uniform(spec.values));
      } else if (spec.unique_values) {
        s.f = "cas";
        json::value from = registers[s.key];
        if (!recent.empty() && uniform(2)) from = recent[uniform(static_cast<int>(recent.size()))];
        s.arg = json::array{from, fresh++};
      } else {
        s.f = "cas";
        s.arg = json::array{uniform(spec.values), uniform(spec.values)};
      }
      if (spec.unique_values && s.f != "read") {
        recent.push_back(s.f == "write" ? s.arg : s.arg.as_array()[1]);
        if (recent.size() > 4) recent.erase(recent.begin());
      }
      s.rec = recs.size();
      recs.push_back({h.size(), SIZE_MAX, OpType::Invoke, s.f, s.arg});
      emit(s.process, OpType::Invoke, s.f, wrap(s.key, s.arg));
    } else if (!s.applied) {
      s.applied = true;
      if (s.crash && chance(0.5)) continue;  // crashed before taking effect
      json::value& reg = registers[s.key];
      if (s.f == "read") {
        s.result = reg;
      } else if (s.f == "write") {
        reg = s.arg;
      } else if (reg == s.arg.as_array()[0]) {
        reg = s.arg.as_array()[1];
      } else {
        s.cas_failed = true;
      }
    } else {
      s.busy = false;
      --busy;
      recs[s.rec].complete = h.size();
      recs[s.rec].type = s.crash ? OpType::Info : s.cas_failed ? OpType::Fail : OpType::Ok;
      if (s.crash) {
        emit(s.process, OpType::Info, s.f, wrap(s.key, s.f == "read" ? json::value(nullptr) : s.arg));
        s.process = next_process++;
      } else if (s.cas_failed) {
        emit(s.process, OpType::Fail, s.f, wrap(s.key, s.arg));
      } else {
        emit(s.process, OpType::Ok, s.f, wrap(s.key, s.f == "read" ? s.result : s.arg));
      }
    }
  }

  if (spec.corrupt) {
    std::vector<std::size_t> reads;
    const auto from = static_cast<std::size_t>(spec.corrupt_after * static_cast<double>(h.size()));
    for (std::size_t i = from; i < h.size(); ++i)
      if (h[i].type == OpType::Ok && h[i].f == "read") reads.push_back(i);
    if (!reads.empty() && spec.corrupt_stale && spec.keys == 0) {
      // Reads by completion position; their Rec by invoke position.
      std::map<std::size_t, const Rec*> by_complete;
      for (const Rec& r : recs) by_complete[r.complete] = &r;
      for (int attempt = 0; attempt < 20; ++attempt) {
        const std::size_t at = reads[uniform(static_cast<int>(reads.size()))];
        Rec read = *by_complete.at(at);
        read.arg = h[at].value;
        json::value stale = stale_value(recs, read, h.size(), uniform);
        if (stale.is_null()) continue;
        h[at].value = std::move(stale);
        break;
      }
    } else if (!reads.empty()) {
      Op& op = h[reads[uniform(static_cast<int>(reads.size()))]];
      json::value& v = spec.keys ? op.value.as_array()[1] : op.value;
      json::value changed = v;
      if (spec.corrupt_unwritten) changed = spec.unique_values ? json::value(-1) : json::value(spec.values);
      while (changed == v)
        changed = uniform(spec.values + 1) == spec.values ? json::value(nullptr)
                                                          : json::value(uniform(spec.values));
      v = changed;
    }
  }
  return h;
}

history::History synthesize_string_kv_history(const StringKvSpec& spec) {
  auto rng = history::make_rng(spec.seed, "synthetic-string-kv-history");
  auto uniform = [&](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(std::max(n, 1))); };
  struct Client {
    bool busy = false, applied = false;
    std::string f, key, arg, result;
    int n = 0;
  };
  std::vector<Client> clients(static_cast<std::size_t>(std::max(spec.clients, 1)));
  std::map<std::string, std::string> store;
  history::History h;
  auto emit = [&](std::size_t process, OpType type, const Client& c, json::value v) {
    Op op;
    op.index = static_cast<std::int64_t>(h.size());
    op.time = op.index * 1000;
    op.process = static_cast<std::int64_t>(process);
    op.type = type;
    op.f = c.f;
    op.value = json::array{json::string(c.key), std::move(v)};
    h.push_back(std::move(op));
  };
  int invoked = 0, busy = 0;
  while (invoked < spec.ops || busy > 0) {
    const auto p = static_cast<std::size_t>(uniform(static_cast<int>(clients.size())));
    Client& c = clients[p];
    if (!c.busy) {
      if (invoked >= spec.ops) continue;
      ++invoked;
      ++busy;
      c.busy = true;
      c.applied = false;
      c.key = std::to_string(uniform(spec.keys));
      const int r = uniform(10);
      c.f = r < 5 ? "get" : r < 7 ? "put" : "append";
      c.arg = "x " + std::to_string(p) + " " + std::to_string(c.n++) + " y";
      emit(p, OpType::Invoke, c, c.f == "get" ? json::value(nullptr) : json::value(json::string(c.arg)));
    } else if (!c.applied) {
      c.applied = true;
      std::string& v = store[c.key];
      if (c.f == "get")
        c.result = v;
      else if (c.f == "put")
        v = c.arg;
      else
        v += c.arg;
    } else {
      c.busy = false;
      --busy;
      emit(p, OpType::Ok, c, json::string(c.f == "get" ? c.result : c.arg));
    }
  }
  // A bad key: one late get that returned a value with a token too few.
  for (int k = 0; k < spec.bad_keys && k < spec.keys; ++k) {
    const std::string key = std::to_string(k);
    for (std::size_t i = h.size(); i-- > h.size() / 2;) {
      Op& op = h[i];
      if (op.type != OpType::Ok || op.f != "get" || op.value.as_array()[0].as_string() != key) continue;
      std::string v(op.value.as_array()[1].as_string());
      const auto cut = v.rfind("x ");
      if (cut == std::string::npos || cut == 0) continue;
      op.value.as_array()[1] = json::string(v.substr(0, cut));
      break;
    }
  }
  return h;
}

}  // namespace faultline::checkers::lin
