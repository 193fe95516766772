#pragma once
// The linearizability check of a whole history, as the `linearizable` checker
// and `faultline check --model NAME FILE` run it: prepare, split by key, search
// the keys on a thread pool (biggest first) within the time and memory budget,
// and explain each bad key (see counterexample.hpp for the shape of details).
#include <string>

#include "checkers/checker.hpp"
#include "checkers/linearizability/options.hpp"
#include "history/op.hpp"

namespace faultline::checkers::lin {

// Never throws: bad input gives Unknown with details.error naming the entry.
CheckResult check_history(const history::History& history, const LinOptions& options);

// history::read_history_file + check_history; a file that cannot be read
// gives Unknown with details.error.
CheckResult check_file(const std::string& path, const LinOptions& options);

}  // namespace faultline::checkers::lin
