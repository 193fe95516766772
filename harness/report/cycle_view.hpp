#pragma once
// A transactional anomaly's cycle drawn: its transactions round a circle
// (SVG), an arrow per dependency labelled ww / wr / rw / process / realtime,
// each step's reason in words, and the transactions' ops.
#include <boost/json.hpp>
#include <string>

#include "harness/report/report_context.hpp"

namespace faultline::harness::report {

// True for the evidence of a cycle: {"cycle": [ops], "steps": [...]}.
bool is_cycle_evidence(const boost::json::value& item);
std::string cycle_view(const boost::json::object& anomaly, ReportContext& ctx);

}  // namespace faultline::harness::report
