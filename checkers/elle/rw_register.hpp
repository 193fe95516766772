#pragma once
// Dependency inference for rw-register histories: [w k v] sets a key, [r k v]
// reads it, written values are unique per key. Reads show only one version,
// so the version order is inferred from what is certain:
//   - nil, the initial state, precedes every written value;
//   - writes follow reads: a transaction that read v1 and then wrote v2 to a
//     key installed v2 after v1.
// Only a transaction's external operations count: its first read of a key
// (before it wrote the key) and its last write to it. Edges:
//   wr  T2 read the value T1 wrote
//   ww  T2 read T1's value, then wrote over it
//   rw  T1 read v1 (or nil), T2 wrote the version known to follow it
// and, without a cycle: G1a, G1b (a read of a value its writer overwrote in
// the same transaction), internal, garbage-read, and lost-update (two
// committed transactions read the same version of a key and both wrote it).
#include <vector>

#include "checkers/elle/dependency_graph.hpp"
#include "checkers/elle/inference.hpp"

namespace faultline::checkers::elle {

class RwRegisterInference : public Inference {
 public:
  // Throws std::invalid_argument for a micro-op a register cannot have (an
  // append, or a read returning a list).
  RwRegisterInference(const Transactions& txns, DependencyGraph& graph, AnomalyLog& anomalies);

  std::string because(std::uint32_t from, std::uint32_t to, std::uint8_t label, const std::string& a,
                      const std::string& b) const override;

 private:
  struct Write {
    std::uint32_t value;
    std::uint32_t txn;
    bool final = true;           // the last write of the key in its transaction
    bool follows_value = false;  // some non-nil version is known to precede it
  };
  struct Read {
    std::uint32_t value;  // kNone for nil
    std::uint32_t txn;
    std::uint32_t wrote;  // the value the same transaction then wrote, or kNone
  };
  struct Key {
    std::uint32_t writes = 0, writes_length = 0;  // in writes_, sorted by value
  };

  // `group`: the key's micro-ops, in history order.
  void infer_key(std::uint32_t key, std::span<const std::uint32_t> group, DependencyGraph& graph,
                 AnomalyLog& anomalies);
  void check_internal(std::uint32_t t, AnomalyLog& anomalies) const;
  const Write* find_write(std::uint32_t key, std::uint32_t value) const;
  // The transaction's external read of `key` and its final write (kNone if none).
  std::pair<const Mop*, std::uint32_t> external(std::uint32_t t, std::uint32_t key) const;
  std::string shown(std::uint32_t key, std::uint32_t value) const;

  const Transactions& txns_;
  std::vector<Key> keys_;
  std::vector<Write> writes_;
};

}  // namespace faultline::checkers::elle
