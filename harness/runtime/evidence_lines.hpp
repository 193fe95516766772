#pragma once
// The few lines of a checker's evidence worth printing on a terminal: for
// checkers that group what they found by type (Elle's `anomalies`, kafka's
// and bank's `errors`), one line per type with its count and first example:
// a cycle as "T1 -rw-> T2 -ww-> T1 (T1 = op 732, T2 = op 731)", anything
// else by its "because".
#include <boost/json.hpp>
#include <string>
#include <vector>

namespace faultline::harness {

std::vector<std::string> evidence_lines(const boost::json::object& details, std::size_t max_lines = 8);

}  // namespace faultline::harness
