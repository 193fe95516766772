#pragma once
// The dependency graph over transactions: vertex t is transaction t; edges
// carry EdgeLabel bits, merged when two inferences give the same pair, kept
// in compressed sparse rows of 4 bytes each (target and labels packed).
//
// Real-time order would need an edge for every pair (T1 completed before T2
// began): quadratic. Instead each transaction invoke gets a time vertex; the
// time vertices form a chain in invoke order, each points to its
// transaction, and a completed transaction points to the time vertex of the
// first invoke after its completion. T1 reaches T2 through time vertices
// exactly when T1 completed before T2 was invoked, so components and cycles
// are those of the full real-time order. These edges follow from two small
// arrays and are never stored.
#include <cstdint>
#include <vector>

#include "checkers/elle/edges.hpp"
#include "checkers/elle/transactions.hpp"

namespace faultline::checkers::elle {

struct Edge {
  std::uint32_t to;
  std::uint8_t labels;
};

class DependencyGraph {
 public:
  explicit DependencyGraph(const Transactions& txns) : txns_(&txns), txn_count_(txns.size()) {}

  // Buffers an edge between two transactions; self-edges are dropped.
  void add(std::uint32_t from, std::uint32_t to, std::uint8_t label) {
    if (from != to) raw_.push_back({from, pack(to, label)});
  }
  // Each client's committed transactions in order; an indeterminate one ends
  // its chain (it may take effect any time later).
  void add_process_order();
  void add_realtime_order();
  // Builds the rows; add() may not be called afterwards.
  void finish();

  std::uint32_t vertex_count() const { return static_cast<std::uint32_t>(txn_count_ + time_txn_.size()); }
  bool is_txn(std::uint32_t v) const { return v < txn_count_; }
  std::size_t edge_count() const;

  std::uint32_t degree(std::uint32_t v) const {
    if (!is_txn(v)) return v + 1 < vertex_count() ? 2 : 1;
    return start_[v + 1] - start_[v] + (after_[v] != kNone ? 1 : 0);
  }
  Edge edge(std::uint32_t v, std::uint32_t i) const {
    if (!is_txn(v)) return {i == 0 ? time_txn_[v - txn_count_] : v + 1, kRealtime};
    const std::uint32_t stored = start_[v + 1] - start_[v];
    if (i == stored) return {after_[v], kRealtime};
    const std::uint32_t e = rows_[start_[v] + i];
    return {e & kTargetMask, static_cast<std::uint8_t>(e >> kLabelShift)};
  }

 private:
  // Target in the low bits, labels in the top five: at most 2^27 vertices.
  static constexpr unsigned kLabelShift = 27;
  static constexpr std::uint32_t kTargetMask = (1u << kLabelShift) - 1;
  static std::uint32_t pack(std::uint32_t to, std::uint8_t label) {
    return to | static_cast<std::uint32_t>(label) << kLabelShift;
  }
  struct Raw {
    std::uint32_t from, packed;
  };

  const Transactions* txns_;
  std::size_t txn_count_;
  std::vector<Raw> raw_;
  std::vector<std::uint32_t> start_{0};
  std::vector<std::uint32_t> rows_;
  std::vector<std::uint32_t> time_txn_;  // the transaction of each time vertex
  std::vector<std::uint32_t> after_;     // per transaction: the time vertex after its completion, or kNone
};

}  // namespace faultline::checkers::elle
