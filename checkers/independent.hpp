#pragma once
// Jepsen's independent histories: every client op's value is a [key, value]
// tuple and each key is a separate history. Splits by key (a completion goes
// with its invoke's key), runs a checker on each key's ops with the tuples
// unwrapped, and merges the verdicts: invalid beats unknown beats valid.
// Details: key-count, the keys that failed or were unknown, and the results
// of the first few of them in full.
#include "checkers/checker.hpp"

namespace faultline::checkers {

// Throws std::invalid_argument naming the first client op whose value is not
// a [key, value] tuple.
CheckResult check_independent(const Checker& checker, const history::History& history);

}  // namespace faultline::checkers
