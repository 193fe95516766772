#pragma once
// A history's transactions in compact form: every `txn` op paired with its
// completion, its micro-ops flattened into one array, keys and values interned
// as dense ids and read lists pooled, so that a million transactions fit in a
// few hundred megabytes and every later pass walks flat arrays.
//
// Jepsen's shapes: an op {f: txn, value: [[f, k, v], ...]} with f one of
//   r (or read)       list-append: v is the list read; rw-register: the value
//   append            list-append: v is appended to k's list
//   w (or write)      rw-register: v becomes k's value
// An ok completion carries the values read; an info one (or none, in a partial
// history) may or may not have committed and tells nothing of its reads; a
// fail one certainly did not commit.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "checkers/value_index.hpp"
#include "history/op.hpp"

namespace faultline::checkers::elle {

inline constexpr std::uint32_t kNone = 0xffffffffu;

enum class MopKind : std::uint8_t { Read, Append, Write };
enum class TxnStatus : std::uint8_t { Ok, Info, Fail };

// 16 bytes: a million transactions have four million of these.
struct Mop {
  MopKind kind = MopKind::Read;
  bool known = false;         // a read whose result the history shows
  bool nil = false;           // a read of nil (rw-register) or of a missing list
  bool is_list = false;       // a read that returned a list: `list` and `length` hold it
  std::uint32_t key = kNone;  // key id
  union {
    std::uint32_t value = kNone;  // append/write: the value's id; register read: the value read
    std::uint32_t list;           // list read: offset of its elements in the pool
  };
  std::uint32_t length = 0;  // list read: how many elements
};

struct Txn {
  TxnStatus status = TxnStatus::Info;
  std::int64_t process = 0;
  std::uint32_t invoke = kNone;  // position of the invoke in the history
  // Position of the completion; kNone if it never completed. Only an ok
  // one ends the transaction in real time: an info one may still take effect.
  std::uint32_t complete = kNone;
  std::uint32_t first_mop = 0;
  std::uint32_t mop_count = 0;
};

class Transactions {
 public:
  // Throws std::invalid_argument naming the op (index) and micro-op that is
  // not [f k v], so a bad history is an error, never a silent verdict.
  explicit Transactions(const history::History& history);

  const history::History& history() const { return *history_; }
  std::size_t size() const { return txns_.size(); }
  const Txn& txn(std::uint32_t t) const { return txns_[t]; }
  std::span<const Mop> mops(std::uint32_t t) const {
    return {mops_.data() + txns_[t].first_mop, txns_[t].mop_count};
  }
  const Mop& mop(std::uint32_t m) const { return mops_[m]; }
  std::uint32_t txn_of_mop(std::uint32_t m) const { return mop_txn_[m]; }
  std::size_t mop_count() const { return mops_.size(); }
  // The elements of a list read (empty for any other micro-op).
  std::span<const std::uint32_t> list(const Mop& read) const {
    if (!read.is_list) return {};
    return {pool_.data() + read.list, read.length};
  }
  std::size_t key_count() const { return keys_.size(); }
  const boost::json::value& key(std::uint32_t id) const { return keys_.value(id); }
  const boost::json::value& value(std::uint32_t id) const { return values_.value(id); }
  std::size_t value_count() const { return values_.size(); }

  // The op that shows the transaction: its completion, or its invoke if it
  // never completed. Its history index names it in evidence.
  const history::Op& op(std::uint32_t t) const;

  // Throws std::invalid_argument: micro-op `m` is `what`, which a history of
  // `model` ("a list-append history has only ...") cannot hold.
  [[noreturn]] void reject_mop(std::uint32_t m, const std::string& what, const std::string& model) const;

 private:
  void parse_mop(const boost::json::value& v, bool with_results, std::size_t op_pos, std::size_t i);

  const history::History* history_;
  std::vector<Txn> txns_;
  std::vector<Mop> mops_;
  std::vector<std::uint32_t> mop_txn_;
  std::vector<std::uint32_t> pool_;
  ValueIndex keys_, values_;
};

// Micro-op ids grouped by key, each group in history order: what the
// per-key inference passes walk (and drop when done).
class MopsByKey {
 public:
  explicit MopsByKey(const Transactions& txns);
  std::span<const std::uint32_t> operator[](std::uint32_t key) const {
    return {by_key_.data() + start_[key], start_[key + 1] - start_[key]};
  }

 private:
  std::vector<std::uint32_t> by_key_, start_;
};

}  // namespace faultline::checkers::elle
