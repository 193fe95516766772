#pragma once
// One checker's verdict in words: its counts, each anomaly it names explained
// with the ops that prove it, and a readable table for anything else.
#include <boost/json.hpp>
#include <string>

#include "harness/report/report_context.hpp"

namespace faultline::harness::report {

// `result` is the checker's entry in results.json: {"valid": ..., details...}.
std::string checker_section(const std::string& name, const boost::json::value& result, ReportContext& ctx);

// "valid" / "invalid" / "unknown" from a JSON verdict (true, false, "unknown").
std::string verdict_word(const boost::json::value* valid);

}  // namespace faultline::harness::report
