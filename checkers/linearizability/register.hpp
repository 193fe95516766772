#pragma once
// The registry entry for the `linearizable` checker (checkers/registry.cpp adds
// it to the table). Options: model (a name from lin::model_table()), time_budget (seconds), memory_budget_mb,
// keyed (bool), all_keys (bool: explain every bad key), threads. Bad options throw std::invalid_argument from
// make.
#include "checkers/registry.hpp"

namespace faultline::checkers {

CheckerEntry linearizability_checker_entry();

}  // namespace faultline::checkers
