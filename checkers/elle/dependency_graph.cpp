#include "checkers/elle/dependency_graph.hpp"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

namespace faultline::checkers::elle {

void DependencyGraph::add_process_order() {
  std::unordered_map<std::int64_t, std::uint32_t> last;  // process -> its last ok txn
  for (std::uint32_t t = 0; t < txn_count_; ++t) {
    const Txn& x = txns_->txn(t);
    if (x.status == TxnStatus::Fail) continue;
    auto it = last.find(x.process);
    if (it != last.end()) add(it->second, t, kProcess);
    if (x.status == TxnStatus::Ok)
      last[x.process] = t;
    else
      last.erase(x.process);
  }
}

void DependencyGraph::add_realtime_order() {
  // Transactions are numbered in invoke order, so time vertex j (the j-th
  // invoke of a committed-or-unknown transaction) is numbered after them.
  std::vector<std::uint32_t> invokes;
  for (std::uint32_t t = 0; t < txn_count_; ++t) {
    if (txns_->txn(t).status == TxnStatus::Fail) continue;
    time_txn_.push_back(t);
    invokes.push_back(txns_->txn(t).invoke);
  }
  after_.assign(txn_count_, kNone);
  const auto base = static_cast<std::uint32_t>(txn_count_);
  for (std::uint32_t t : time_txn_) {
    const Txn& x = txns_->txn(t);
    if (x.status != TxnStatus::Ok || x.complete == kNone) continue;
    const auto next = std::upper_bound(invokes.begin(), invokes.end(), x.complete) - invokes.begin();
    if (static_cast<std::size_t>(next) < invokes.size()) after_[t] = base + static_cast<std::uint32_t>(next);
  }
}

void DependencyGraph::finish() {
  if (after_.empty()) after_.assign(txn_count_, kNone);
  const std::size_t n = txn_count_;
  if (n + time_txn_.size() > kTargetMask)
    throw std::invalid_argument("history too long for the dependency graph");
  // Rows by counting sort, straight into place; the buffer goes before the
  // rows are sorted, so the two never both hold a copy for long.
  start_.assign(n + 1, 0);
  for (const Raw& e : raw_) ++start_[e.from + 1];
  for (std::size_t v = 0; v < n; ++v) start_[v + 1] += start_[v];
  rows_.resize(raw_.size());
  {
    std::vector<std::uint32_t> next(start_.begin(), start_.end() - 1);
    for (const Raw& e : raw_) rows_[next[e.from]++] = e.packed;
  }
  std::vector<Raw>().swap(raw_);

  // Merge parallel edges in place: sort each row by target, OR the labels.
  std::uint32_t out = 0;
  for (std::size_t v = 0; v < n; ++v) {
    const auto first = rows_.begin() + start_[v], last = rows_.begin() + start_[v + 1];
    std::sort(first, last,
              [](std::uint32_t a, std::uint32_t b) { return (a & kTargetMask) < (b & kTargetMask); });
    start_[v] = out;
    for (auto it = first; it != last; ++it) {
      if (it != first && (*it & kTargetMask) == (rows_[out - 1] & kTargetMask)) {
        rows_[out - 1] |= *it;
        continue;
      }
      rows_[out++] = *it;
    }
  }
  start_[n] = out;
  rows_.resize(out);
  rows_.shrink_to_fit();
}

std::size_t DependencyGraph::edge_count() const {
  std::size_t n = rows_.size() + (time_txn_.empty() ? 0 : 2 * time_txn_.size() - 1);
  for (auto a : after_) n += a != kNone;
  return n;
}

}  // namespace faultline::checkers::elle
