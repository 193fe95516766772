#pragma once
// The registry rows of the transactional checkers.
#include "checkers/elle/checker.hpp"
#include "checkers/registry.hpp"

namespace faultline::checkers {

CheckerEntry elle_checker_entry(elle::DataModel model);

}  // namespace faultline::checkers
