#pragma once
// Jepsen-like register histories for tests and benchmarks, made by simulating
// a real (cas-)register: every op takes effect at a random point inside its
// interval, so an unperturbed history is linearizable by construction.
// Crashed ops end :info and took effect or not at random; a crashed process
// continues under a fresh process id, as Jepsen's do.
#include <cstdint>

#include "history/op.hpp"

namespace faultline::checkers::lin {

struct SyntheticSpec {
  int processes = 5;
  int ops = 100;
  int crashes = 15;      // ops that end :info
  int values = 5;        // written values are 0 .. values-1
  int keys = 0;          // 0: one register; n: values are [k, v] over n keys
  bool with_cas = true;  // otherwise read/write only
  // Change one ok read to a value it did not see; the result is almost
  // always (not provably) not linearizable.
  bool corrupt = false;
  double corrupt_after = 0.0;      // the changed read is one of those after this fraction of the history
  bool corrupt_unwritten = false;  // the changed read returns `values`, which no op ever writes
  // The changed read returns a value overwritten long before (unkeyed only):
  // not the initial null, every op that writes it (write, or cas to it)
  // completed at least a tenth of the history before the read began, none
  // crashed or pending, and each was followed by a completed write or cas of
  // another value that returned before the read began. Then no order can
  // explain the read: not linearizable by construction. When no written
  // value fits (narrow values: crashed writes of each), nothing is changed.
  bool corrupt_stale = false;
  // Each write and each cas writes a fresh value (1, 2, 3, ...), as Jepsen's
  // generators and ours do; a cas expects the current value or a recently
  // written one. `values` is then ignored.
  bool unique_values = false;
  std::uint64_t seed = 1;
};

history::History synthesize_register_history(const SyntheticSpec& spec);

// Porcupine's kv test shape (test_data/kv/cNN-{ok,bad}): `clients` processes
// on `keys` keys doing get / put / append of tokens "x P N y", values
// [key, string]; no crashes. `corrupt`: one get per bad key loses its last
// token (Porcupine's bad logs have several bad keys; here `bad_keys`).
struct StringKvSpec {
  int clients = 10;
  int ops = 400;
  int keys = 10;
  int bad_keys = 0;
  std::uint64_t seed = 1;
};

history::History synthesize_string_kv_history(const StringKvSpec& spec);

}  // namespace faultline::checkers::lin
