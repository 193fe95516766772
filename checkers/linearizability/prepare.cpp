#include "checkers/linearizability/prepare.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include "checkers/linearizability/json_hash.hpp"

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

PreparedHistory prepare_history(const history::History& history, const Model& model, bool keyed) {
  PreparedHistory out;
  PartitionIndex index;
  if (!keyed) index.at(nullptr);
  std::unordered_map<std::int64_t, std::size_t> pending;  // process -> invoke position

  auto emit = [&](std::size_t invoke_pos, std::size_t complete_pos) {
    const history::Op& inv = history[invoke_pos];
    const history::Op* done = complete_pos == SIZE_MAX ? nullptr : &history[complete_pos];
    if (done && done->type == OpType::Fail) {
      ++out.failed_dropped;
      return;
    }
    PreparedOp p;
    p.op.f = inv.f;
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
      if (!p.op.crashed) p.op.output = done->value;
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
    index.at(key).ops.push_back(std::move(p));
  };

  for (std::size_t pos = 0; pos < history.size(); ++pos) {
    const history::Op& op = history[pos];
    if (op.process == history::kNemesisProcess) {
      ++out.skipped_nemesis;
      continue;
    }
    if (op.type == OpType::Invoke) {
      auto [it, fresh] = pending.try_emplace(op.process, pos);
      if (!fresh)
        throw std::invalid_argument(where(pos, op) + ": process " + std::to_string(op.process) +
                                    " invoked again while its op at history entry " +
                                    std::to_string(it->second) + " is still pending");
      continue;
    }
    auto it = pending.find(op.process);
    if (it == pending.end())
      throw std::invalid_argument(where(pos, op) + ": completion without a pending invocation");
    std::size_t invoke_pos = it->second;
    pending.erase(it);
    if (history[invoke_pos].f != op.f)
      throw std::invalid_argument(where(pos, op) + ": completes '" + history[invoke_pos].f +
                                  "' invoked at entry " + std::to_string(invoke_pos) + " with a different f");
    emit(invoke_pos, pos);
  }
  // Invocations never completed (the run stopped): crashed.
  std::vector<std::size_t> open;
  for (const auto& [process, pos] : pending) open.push_back(pos);
  std::sort(open.begin(), open.end());
  for (std::size_t pos : open) emit(pos, SIZE_MAX);

  // Ops were appended at completion; order them by call. Sorting positions and
  // moving each op once is cheaper than swapping JSON values around.
  for (auto& part : index.partitions) {
    std::vector<std::pair<std::int64_t, std::size_t>> order;
    order.reserve(part.ops.size());
    for (std::size_t i = 0; i < part.ops.size(); ++i) order.emplace_back(part.ops[i].call, i);
    std::sort(order.begin(), order.end());
    std::vector<PreparedOp> sorted;
    sorted.reserve(part.ops.size());
    for (const auto& [call, i] : order) sorted.push_back(std::move(part.ops[i]));
    part.ops = std::move(sorted);
  }
  out.partitions = std::move(index.partitions);
  if (!keyed && out.partitions.size() == 1 && out.partitions[0].ops.empty()) out.partitions.clear();
  return out;
}

}  // namespace faultline::checkers::lin
