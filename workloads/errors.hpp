#pragma once
// Maelstrom's error codes and what each means for an op's outcome: a definite
// error proves the op did not happen (fail); any other may have (info).
#include <boost/json.hpp>
#include <string>
#include <string_view>

#include "history/op.hpp"

namespace faultline::workloads {

// 1 node-not-found, 10 not-supported, 11 temporarily-unavailable,
// 12 malformed-request, 14 abort, 20 key-does-not-exist,
// 21 key-already-exists, 22 precondition-failed, 30 txn-conflict.
bool is_definite_error(int code);
std::string_view error_name(int code);  // "crash" for 13, "unknown" for custom codes
history::OpType outcome_for_error(int code);
// The history's `error` field: [code, "name: text"].
boost::json::value error_value(int code, std::string_view text);

}  // namespace faultline::workloads
