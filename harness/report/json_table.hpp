#pragma once
// The fallback for checker details nobody taught the report to explain: a
// readable nested table instead of a wall of JSON, capped so one huge array
// cannot bloat the page.
#include <boost/json.hpp>
#include <string>

namespace faultline::harness::report {

std::string json_table(const boost::json::value& value, int depth = 0);

}  // namespace faultline::harness::report
