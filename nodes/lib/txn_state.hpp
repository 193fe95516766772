#pragma once
// The data of the txn nodes (Maelstrom's txn-list-append and
// txn-rw-register): keys compared as JSON values, each holding a list
// (appends) or a value (writes). A transaction's micro-ops [f, k, v]:
//   ["r", k, null]      -> ["r", k, list or value, null if missing]
//   ["append", k, v]    appends v to k's list
//   ["w", k, v]         sets k to v
#include <boost/json.hpp>
#include <map>
#include <string>

#include "lib/node.hpp"

namespace fl_node {

class TxnState {
 public:
  // Runs `txn` against `view` (reads see the transaction's own earlier
  // writes), filling in its reads; returns the completed micro-ops and
  // leaves its writes in `writes`, to apply with commit(). Throws
  // MalformedRequest for a micro-op that is not [r|append|w, key, value].
  json::array run(const json::array& txn, std::map<std::string, json::value>& writes) const;
  // Applies the appends and writes of a completed run on top of the state
  // as it is now: an append lands after whatever the key holds by then.
  void commit(const json::array& completed);

  // The whole transaction at once: run and commit.
  json::array run_and_commit(const json::array& txn);

 private:
  std::map<std::string, json::value> data_;  // serialized key -> list or value
};

// The txn request's micro-ops, or MalformedRequest.
const json::array& txn_field(const json::object& body);

}  // namespace fl_node
