#include "checkers/linearizability/counterexample.hpp"

#include <algorithm>
#include <string>

#include "history/op_value.hpp"

namespace faultline::checkers::lin {

namespace json = boost::json;

json::object op_json(const history::History& history, const Partition& partition, std::int32_t id,
                     const Model& model, json::storage_ptr sp) {
  const PreparedOp& p = partition.ops[id];
  const history::Op& inv = history[p.invoke_pos];
  // A counterexample holds a few hundred of these: sized once, the object
  // never rehashes as it fills (on a short invalid history building them
  // cost more than the search).
  json::object o(14, std::move(sp));
  o.emplace("id", id);
  o.emplace("process", inv.process);
  o.emplace("f", p.op.f);
  o.emplace("value", inv.value);
  o.emplace("type", p.op.crashed ? "info" : "ok");
  o.emplace("invoke_index", inv.index);
  o.emplace("index", inv.index);  // names the invoke in history.jsonl, so the report can find it
  o.emplace("call", p.call);
  o.emplace("time", inv.time);  // ns since the run started: the timeline's axis
  if (p.complete_pos != SIZE_MAX) {
    const history::Op& done = history[p.complete_pos];
    json::value scratch;
    o.emplace("result", history::value_of(done, scratch));
    o.emplace("complete_index", done.index);
    o.emplace("complete_time", done.time);
  } else {
    o.emplace("result", nullptr);
    o.emplace("complete_index", nullptr);
    o.emplace("complete_time", nullptr);
  }
  o.emplace("ret", p.op.crashed ? json::value(nullptr) : json::value(p.ret));
  o.emplace("description", model.describe_op(p.op));
  return o;
}

std::string clipped(const std::string& text, std::size_t keep) {
  if (text.size() <= keep) return text;
  return text.substr(0, keep / 2) + "..." + text.substr(text.size() - keep / 2);
}

namespace {

// "write 7 (process 2, op #305)"
std::string op_named(const history::History& history, const Partition& partition, std::int32_t id,
                     const Model& m) {
  const history::Op& inv = history[partition.ops[id].invoke_pos];
  return m.describe_op(partition.ops[id].op) + " (process " + std::to_string(inv.process) + ", op #" +
         std::to_string(inv.index) + ")";
}

// What every refutation gives after its own fields: no prefix (no search
// ran), the stuck op as the one final path with `outcome`, and the refuting
// ops as the window to draw.
void add_refuting_ops(json::object& out, const history::History& history, const Partition& partition,
                      const Refutation& refutation, const Model& m, const std::string& outcome,
                      const json::storage_ptr& sp) {
  out["prefix_length"] = 0;
  out["longest_prefix"] = json::array(sp);
  json::array window(sp);
  for (std::int32_t id : refutation.window) window.push_back(op_json(history, partition, id, m, sp));
  json::object path(sp);
  path["op"] = op_json(history, partition, refutation.stuck, m, sp);
  path["outcome"] = outcome;
  json::array finals(sp);
  finals.push_back(std::move(path));
  out["final_paths"] = std::move(finals);
  out["concurrent_window"] = window;
  out["ops"] = std::move(window);
}

// What the read refuters (stale read, shrunk read) give: the stuck op, the
// value it needed, why no order gives it that, and the refuting ops to draw.
json::object explained_read(const char* refuted_by, const std::string& value, const std::string& why,
                            const std::string& stuck_name, const history::History& history,
                            const Partition& partition, const Refutation& refutation, const Model& m,
                            json::storage_ptr sp) {
  const std::int32_t stuck = refutation.stuck;
  json::object out(sp);
  if (!partition.key.is_null()) out["key"] = partition.key;
  out["refuted_by"] = refuted_by;
  out["state"] = "not " + value;
  out["why"] = why;
  out["op"] = op_json(history, partition, stuck, m, sp);
  out["error"] = "cannot linearize " + stuck_name + ": " + why;
  add_refuting_ops(out, history, partition, refutation, m, "needs " + value + ": " + why, sp);
  return out;
}

// A stale read: the value it needs, every op that brought that value and the
// op that overwrote each before the stuck op began. The window is those ops.
json::object explain_stale_read(const history::History& history, const Partition& partition,
                                CompiledModel& model, const Refutation& refutation, json::storage_ptr sp) {
  const Model& m = model.model();
  const std::int32_t stuck = refutation.stuck;
  const auto effect = m.value_effect(partition.ops[stuck].op);
  const std::string value = effect && effect->needs ? m.describe_state(*effect->needs) : "?";
  std::string why;
  for (const StaleRead::Overwrite& o : refutation.overwritten) {
    why += why.empty() ? "" : "; ";
    why += (o.bringer < 0 ? "the initial " + value : op_named(history, partition, o.bringer, m)) +
           " was overwritten by " + op_named(history, partition, o.by, m);
  }
  if (!why.empty()) why += ", before it began";
  for (std::int32_t id : refutation.later)
    why += (why.empty() ? "" : "; ") + op_named(history, partition, id, m) + " began only after it returned";
  const std::size_t ways = refutation.overwritten.size() + refutation.later.size();
  if (ways == 0)
    why = "no op writes " + value + " and it is not the initial value";
  else
    why = (ways == 1 ? value + " was there only once: " : "every way " + value + " could get there fails: ") + why;
  return explained_read("stale-read", value, why, op_named(history, partition, stuck, m), history, partition,
                        refutation, m, std::move(sp));
}

// A shrunk read: the get, the op before it that pinned a state the get's
// value is no growth of, and the puts that could have come between, none
// starting that value. The window is those ops.
// "get -> "x 1 0 yx 2 0 y...x 9 3 y" (process 1, op #1299)"
std::string short_named(const history::History& history, const Partition& partition, std::int32_t id,
                        const Model& m) {
  const history::Op& inv = history[partition.ops[id].invoke_pos];
  return clipped(m.describe_op(partition.ops[id].op), 64) + " (process " + std::to_string(inv.process) +
         ", op #" + std::to_string(inv.index) + ")";
}

// Where the later string leaves the earlier one: what it lacks at the end,
// or where the two part. Empty for states that are not strings.
std::string shrinkage(const json::value& earlier, const json::value& later) {
  if (!earlier.is_string() || !later.is_string()) return "";
  const std::string a(earlier.get_string()), b(later.get_string());
  std::size_t k = 0;
  while (k < a.size() && k < b.size() && a[k] == b[k]) ++k;
  const auto quoted = [](const std::string& s) { return json::serialize(json::string(clipped(s))); };
  const auto characters = [](std::size_t n) {
    return n == 1 ? std::string("character") : std::to_string(n) + " characters";
  };
  if (k == b.size())
    return "it saw that string without its last " + characters(a.size() - k) + ", " + quoted(a.substr(k));
  return "the two part after " + characters(k) + ", " + quoted(a.substr(k)) + " against " +
         quoted(b.substr(k));
}

json::object explain_shrunk_read(const history::History& history, const Partition& partition,
                                 CompiledModel& model, const Refutation& refutation, json::storage_ptr sp) {
  const Model& m = model.model();
  const std::int32_t stuck = refutation.stuck;
  const auto need = m.only_legal_in(partition.ops[stuck].op);
  const std::string value = need ? clipped(m.describe_state(*need), 64) : "?";
  const ModelOp& before = partition.ops[refutation.before].op;
  const auto pinned = m.read_only(before) ? m.only_legal_in(before) : m.always_leaves(before);
  std::string why = short_named(history, partition, refutation.before, m) + " returned before it began";
  const std::string gap = pinned && need ? shrinkage(*pinned, *need) : "";
  why += gap.empty() ? "" : ", and " + gap;
  why += ": no append takes anything away";
  if (refutation.resets.empty()) {
    why += ", and no put can come between them";
  } else {
    why += ", and no put that could come between them starts " + value + " (";
    for (std::size_t i = 0; i < refutation.resets.size(); ++i)
      why += (i ? ", " : "") + short_named(history, partition, refutation.resets[i], m);
    why += ")";
  }
  return explained_read("shrunk-read", value, why, short_named(history, partition, stuck, m), history,
                        partition, refutation, m, std::move(sp));
}

}  // namespace

json::object explain_refutation(const history::History& history, const Partition& partition,
                                CompiledModel& model, const Refutation& refutation, json::storage_ptr sp) {
  if (refutation.kind == RefutationKind::StaleRead)
    return explain_stale_read(history, partition, model, refutation, std::move(sp));
  if (refutation.kind == RefutationKind::ShrunkRead)
    return explain_shrunk_read(history, partition, model, refutation, std::move(sp));
  const Model& m = model.model();
  const std::int32_t stuck = refutation.stuck;
  const ModelOp& op = partition.ops[stuck].op;
  constexpr std::size_t kStatesShown = 12;
  json::array possible(sp);
  std::string states_text;
  for (std::size_t i = 0; i < refutation.reachable.size() && i < kStatesShown; ++i) {
    const std::string s = m.describe_state(model.state(refutation.reachable[i]));
    possible.emplace_back(s);
    states_text += (states_text.empty() ? "" : ", ") + s;
  }
  if (refutation.reachable.size() > kStatesShown) states_text += ", ...";

  json::object out(sp);
  if (!partition.key.is_null()) out["key"] = partition.key;
  out["refuted_by"] = refutation.kind == RefutationKind::Unreachable ? "unreachable" : "window";
  out["state"] = "any of " + states_text;
  out["possible_states"] = std::move(possible);
  out["op"] = op_json(history, partition, stuck, m, sp);
  const std::string who = m.describe_op(op) + " (process " +
                          std::to_string(history[partition.ops[stuck].invoke_pos].process) + ")";
  if (refutation.kind == RefutationKind::Unreachable) {
    out["error"] =
        "cannot linearize " + who + ": illegal in every state the history can reach (" + states_text + ")";
  } else {
    out["error"] =
        "cannot linearize " + who + ": no order of the " + std::to_string(refutation.window.size()) +
        " ops around it, from any state the history can reach (" + states_text + "), lets it take effect";
  }
  add_refuting_ops(out, history, partition, refutation, m,
                   refutation.kind == RefutationKind::Unreachable ? "illegal in every reachable state"
                                                                  : "illegal after any order of the window",
                   sp);
  return out;
}

json::object explain_partition(const history::History& history, const Partition& partition,
                               CompiledModel& model, const std::vector<SearchOp>& ops,
                               const SearchResult& result, json::storage_ptr sp) {
  const Model& m = model.model();
  auto n = static_cast<std::int32_t>(ops.size());
  std::vector<bool> done(n, false);
  for (std::int32_t op : result.longest) done[op] = true;
  std::int32_t state = result.longest_states.empty() ? model.init_state() : result.longest_states.back();

  // The remaining completed op that returns first: nothing linearizable could
  // be placed before its return, so it is the op that cannot be linearized.
  std::int32_t stuck = -1;
  for (std::int32_t i = 0; i < n; ++i)
    if (!done[i] && ops[i].ret != kNever && (stuck < 0 || ops[i].ret < ops[stuck].ret)) stuck = i;

  json::object out(sp);
  if (!partition.key.is_null()) out["key"] = partition.key;
  out["state"] = m.describe_state(model.state(state));
  if (stuck >= 0) {
    out["op"] = op_json(history, partition, stuck, m, sp);
    out["error"] = "cannot linearize " + m.describe_op(partition.ops[stuck].op) + " (process " +
                   std::to_string(history[partition.ops[stuck].invoke_pos].process) + ") after the longest " +
                   "linearizable prefix of " + std::to_string(result.longest.size()) +
                   " ops: illegal in state " + m.describe_state(model.state(state));
  }

  out["prefix_length"] = result.longest.size();
  json::array prefix(sp);
  std::size_t from = result.longest.size() > kPrefixShown ? result.longest.size() - kPrefixShown : 0;
  for (std::size_t i = from; i < result.longest.size(); ++i) {
    json::object step(sp);
    step["position"] = i;
    step["op"] = op_json(history, partition, result.longest[i], m, sp);
    step["state"] = m.describe_state(model.state(result.longest_states[i]));
    prefix.push_back(std::move(step));
  }
  out["longest_prefix"] = std::move(prefix);

  // Every op enabled after the prefix (invoked before the stuck op returned),
  // and what linearizing it next would do.
  json::array finals(sp);
  std::int64_t horizon = stuck >= 0 ? ops[stuck].ret : kNever;
  for (std::int32_t i = 0; i < n; ++i) {
    if (done[i] || ops[i].call > horizon) continue;
    json::object path(sp);
    path["op"] = op_json(history, partition, i, m, sp);
    std::int32_t nx = model.next(state, ops[i].cls);
    if (nx == CompiledModel::kIllegal) {
      path["outcome"] = "illegal in state " + m.describe_state(model.state(state));
    } else {
      path["outcome"] = "state " + m.describe_state(model.state(nx)) + ", but every continuation fails";
    }
    finals.push_back(std::move(path));
  }
  out["final_paths"] = std::move(finals);

  json::array window(sp);
  std::int64_t lo = INT64_MAX, hi = INT64_MIN;
  if (stuck >= 0) {
    for (std::int32_t i = 0; i < n; ++i) {
      if (ops[i].call < ops[stuck].ret && ops[i].ret > ops[stuck].call) {
        window.push_back(op_json(history, partition, i, m, sp));
        lo = std::min(lo, ops[i].call);
        if (ops[i].ret != kNever) hi = std::max(hi, ops[i].ret);
      }
    }
    hi = std::max(hi, ops[stuck].ret);
  }
  out["concurrent_window"] = std::move(window);

  // Ops to draw: from the start of the shown prefix to the end of the window.
  for (std::size_t i = from; i < result.longest.size(); ++i) lo = std::min(lo, ops[result.longest[i]].call);
  if (hi == INT64_MIN) hi = INT64_MAX;
  json::array shown(sp);
  for (std::int32_t i = 0; i < n; ++i)
    if (ops[i].ret >= lo && ops[i].call <= hi) shown.push_back(op_json(history, partition, i, m, sp));
  out["ops"] = std::move(shown);
  return out;
}

}  // namespace faultline::checkers::lin
