#pragma once
// Elle's transaction generator, shared by the txn-list-append and
// txn-rw-register workloads and by the synthetic histories of tests and
// benchmarks: 1..max_length micro-ops, half reads, half appends (or writes),
// over `key_count` active integer keys chosen with exponential popularity
// (each key twice as likely as the next). Each key takes values 1, 2, 3, ...
// and, after `max_writes_per_key` of them, is retired for a fresh key, so
// lists stay short and version orders decidable.
#include <boost/json.hpp>
#include <vector>

#include "history/seed.hpp"

namespace faultline::checkers::elle {

struct TxnGeneratorOptions {
  bool append = true;  // list-append; false: rw-register writes
  int key_count = 10;
  int min_length = 1;
  int max_length = 4;
  int max_writes_per_key = 16;
};

class TxnGenerator {
 public:
  explicit TxnGenerator(TxnGeneratorOptions options);
  // One transaction, [[f, k, v], ...]; reads carry v = null.
  boost::json::array next(history::Rng& rng);

 private:
  std::size_t pick_slot(history::Rng& rng);

  TxnGeneratorOptions options_;
  std::vector<std::int64_t> active_;  // active keys, hottest first
  std::vector<int> written_;          // values handed out per active slot
  std::int64_t next_key_ = 0;
};

}  // namespace faultline::checkers::elle
