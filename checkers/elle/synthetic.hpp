#pragma once
// Transactional histories made by simulating a store, for tests and
// benchmarks. Clients run Elle-generated transactions against one of:
//   Serializable       each transaction takes effect atomically at a random
//                      point of its interval: strict serializable by construction
//   SnapshotIsolation  reads see the snapshot taken at invoke (plus the
//                      transaction's own writes); at completion it commits
//                      unless a key it writes was written by a transaction that
//                      committed since its snapshot (first committer wins),
//                      else it fails. Write skew is possible, nothing else.
// Crashed transactions end info and took effect or not at random; the client
// goes on under a fresh process id, as Jepsen's do.
#include <cstdint>

#include "history/op.hpp"

namespace faultline::checkers::elle {

enum class SimulatedIsolation { Serializable, SnapshotIsolation };

struct SyntheticTxnSpec {
  bool append = true;  // list-append, else rw-register
  SimulatedIsolation isolation = SimulatedIsolation::Serializable;
  int processes = 5;
  std::int64_t txns = 200;
  int key_count = 10;
  int max_length = 4;
  int min_length = 1;
  int max_writes_per_key = 16;
  double crash_rate = 0.02;  // fraction of transactions that end info
  std::uint64_t seed = 1;
};

history::History synthesize_txn_history(const SyntheticTxnSpec& spec);

}  // namespace faultline::checkers::elle
