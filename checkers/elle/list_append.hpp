#pragma once
// Dependency inference for list-append histories (Elle's central trick).
// Every read of a key returns the whole list, and appended values are unique
// per key, so each element names its writer and all reads of a key must be
// prefixes of one order: the longest read's. From that version order:
//   ww  T1 appended x, T2 appended the element right after x
//   wr  T2 read a list whose last element T1 appended
//   rw  T1 read a list ending in x (or empty), T2 appended the next element
// and, without any cycle: G1a (read of an element whose append failed), G1b
// (read ending in an element its writer later followed with another append
// to the same key), internal (a read disagreeing with the transaction's own
// earlier reads and appends), dirty-update (a failed append followed by
// committed ones), duplicate-elements, incompatible-order, garbage-read (an
// element nobody appended).
#include <vector>

#include "checkers/elle/dependency_graph.hpp"
#include "checkers/elle/inference.hpp"

namespace faultline::checkers::elle {

class ListAppendInference : public Inference {
 public:
  // Throws std::invalid_argument for a micro-op list-append cannot have (a
  // write, or a read returning something that is not a list).
  ListAppendInference(const Transactions& txns, DependencyGraph& graph, AnomalyLog& anomalies);

  std::string because(std::uint32_t from, std::uint32_t to, std::uint8_t label, const std::string& a,
                      const std::string& b) const override;

 private:
  struct Append {
    std::uint32_t value;
    std::uint32_t mop;
    std::uint32_t pos = kNone;  // in the key's version order, if some read shows it
    bool intermediate = false;  // its transaction appended to the key again afterwards
  };
  struct Key {
    std::uint32_t order = 0, order_length = 0;      // in order_ / order_writer_
    std::uint32_t appends = 0, appends_length = 0;  // in appends_, sorted by value
  };

  // `group`: the key's micro-ops, in history order.
  void infer_key(std::uint32_t key, std::span<const std::uint32_t> group, DependencyGraph& graph,
                 AnomalyLog& anomalies);
  void check_internal(std::uint32_t t, AnomalyLog& anomalies) const;
  // The append of `value` to `key`, or nullptr.
  const Append* find_append(std::uint32_t key, std::uint32_t value) const;
  Append* find_append(std::uint32_t key, std::uint32_t value);
  std::span<const std::uint32_t> order(std::uint32_t key) const {
    return {order_.data() + keys_[key].order, keys_[key].order_length};
  }
  // The version-order position after a read, or kNone if the read is not a
  // prefix of the order.
  std::uint32_t read_end(const Mop& read) const;

  const Transactions& txns_;
  std::vector<Key> keys_;
  std::vector<Append> appends_;
  std::vector<std::uint32_t> order_;         // value ids, each key's run in version order
  std::vector<std::uint32_t> order_writer_;  // the appending transaction of each, or kNone
  std::vector<std::uint32_t> seen_;          // scratch: read stamp per value id
  std::uint32_t stamp_ = 0;
};

}  // namespace faultline::checkers::elle
