#pragma once
// A self-contained HTML page (inline CSS and SVG, no scripts, no fetches) for
// a linearizability result: per bad key, one track per process with ops as
// bars, the longest linearizable prefix's linearization points numbered in
// order, the op that cannot be linearized in red, and the tables behind it.
// The harness writes it to the run directory as linearizability.html.
#include <string>

#include "checkers/checker.hpp"

namespace faultline::checkers::lin {

std::string render_linearizability_html(const CheckResult& result);

}  // namespace faultline::checkers::lin
