#include "checkers/linearizability/prepare.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include "checkers/linearizability/json_hash.hpp"
#include "history/op_value.hpp"
#include "history/pairs.hpp"

namespace faultline::checkers::lin {
namespace {

namespace json = boost::json;
using history::OpType;

std::string where(std::size_t pos, const history::Op& op) {
  return "history entry " + std::to_string(pos) + " (index " + std::to_string(op.index) + ", process " +
         std::to_string(op.process) + ", " + std::string(history::to_string(op.type)) + " " + op.f + ")";
}

// Splits a keyed value [k, v] into its key and v.
std::pair<json::value, json::value> split_keyed(const json::value& v, std::size_t pos,
                                                const history::Op& op) {
  if (!v.is_array() || v.get_array().size() != 2)
    throw std::invalid_argument(where(pos, op) + ": keyed models need value [key, v], got " +
                                json::serialize(v));
  return {v.get_array()[0], v.get_array()[1]};
}

// Jepsen's independent histories read [k, v] on every read; a plain register
// history reads null. Checked unkeyed they would "pass" or "fail" for nothing.
void refuse_keyed_values(const history::History& history, const Model& model) {
  std::size_t reads = 0, tuples = 0;
  std::int64_t example = -1;
  for (std::size_t pos = 0; pos < history.size(); ++pos) {
    const history::Op& op = history[pos];
    if (op.process == history::kNemesisProcess || op.type != OpType::Invoke) continue;
    if (op.f != "read" && op.f != "get") continue;
    ++reads;
    if (op.value.is_array() && op.value.get_array().size() == 2) {
      ++tuples;
      if (example < 0) example = static_cast<std::int64_t>(pos);
    }
  }
  if (reads == 0 || tuples != reads) return;
  const auto pos = static_cast<std::size_t>(example);
  throw std::invalid_argument("every read names a key, e.g. " + where(pos, history[pos]) + " reads " +
                              json::serialize(history[pos].value) +
                              ": this is a keyed history ([key, value] tuples, or a :key field); " +
                              "checked as one " + model.name() +
                              " it would mean nothing. Check each key alone with --keyed (scenario: " +
                              "keyed: true), or a keyed model (kv, string-kv)");
}

struct PartitionIndex {
  std::unordered_map<json::value, std::size_t, JsonHash> by_key;
  std::vector<Partition> partitions;

  Partition& at(const json::value& key) {
    auto [it, fresh] = by_key.try_emplace(key, partitions.size());
    if (fresh) partitions.push_back(Partition{key, {}});
    return partitions[it->second];
  }
};

}  // namespace

PreparedHistory prepare_history(const history::History& history, const Model& model, bool keyed,
                                bool failed_cas_observed) {
  if (!keyed) refuse_keyed_values(history, model);
  PreparedHistory out;
  PartitionIndex index;
  if (!keyed) index.at(nullptr);

  auto emit = [&](std::size_t invoke_pos, std::size_t complete_pos) {
    const history::Op& inv = history[invoke_pos];
    const history::Op* done = complete_pos == SIZE_MAX ? nullptr : &history[complete_pos];
    const bool observed = done && done->type == OpType::Fail && failed_cas_observed && inv.f == "cas";
    if (done && done->type == OpType::Fail && !observed) {
      ++out.failed_dropped;
      return;
    }
    PreparedOp p;
    p.op.f = inv.f;
    p.op.failed = observed;
    if (observed) ++out.failed_observed;
    p.op.crashed = !done || done->type == OpType::Info;
    p.call = static_cast<std::int64_t>(invoke_pos);
    p.invoke_pos = invoke_pos;
    p.complete_pos = complete_pos;
    if (!p.op.crashed) p.ret = static_cast<std::int64_t>(complete_pos);
    json::value key = nullptr;
    if (keyed) {
      auto [k, v] = split_keyed(inv.value, invoke_pos, inv);
      key = std::move(k);
      p.op.input = std::move(v);
      if (!p.op.crashed) {
        auto [k2, out_v] = split_keyed(done->value, complete_pos, *done);
        if (k2 != key)
          throw std::invalid_argument(where(complete_pos, *done) + ": completion key " + json::serialize(k2) +
                                      " differs from the invocation's " + json::serialize(key));
        p.op.output = std::move(out_v);
      }
    } else {
      p.op.input = inv.value;
      json::value scratch;  // a long list of ints is held packed
      if (!p.op.crashed) p.op.output = history::value_of(*done, scratch);
    }
    try {
      model.validate(p.op);
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(where(invoke_pos, inv) + ": " + e.what());
    }
    if (p.op.crashed && model.read_only(p.op)) {
      ++out.crashed_reads_dropped;
      return;
    }
    ++out.ops;
    if (p.op.crashed) ++out.crashed;
    // Unkeyed, the one partition is known: no hashing of a null key per op.
    (keyed ? index.at(key) : index.partitions.front()).ops.push_back(std::move(p));
  };

  const history::Pairing pairing = history::pair_ops(history);
  if (!pairing.issues.empty()) {
    const history::PairIssue& first = pairing.issues.front();
    throw std::invalid_argument(where(first.position, history[first.position]) + ": " +
                                history::describe(first, history));
  }
  for (const history::Op& op : history)
    if (op.process == history::kNemesisProcess) ++out.skipped_nemesis;
  if (!keyed) index.partitions.front().ops.reserve(pairing.pairs.size());
  // Pairs come in invoke order, so every partition's ops end up sorted by
  // call. A crashed op (no completion: the run stopped) is emitted like any other.
  for (const history::OpPair& pair : pairing.pairs)
    emit(pair.invoke, pair.completion < 0 ? SIZE_MAX : static_cast<std::size_t>(pair.completion));

  out.partitions = std::move(index.partitions);
  if (!keyed && out.partitions.size() == 1 && out.partitions[0].ops.empty()) out.partitions.clear();
  return out;
}

}  // namespace faultline::checkers::lin
