#pragma once
// Indented JSON for files people open (results.json, summary.json).
#include <boost/json.hpp>
#include <string>

namespace faultline::harness {

std::string pretty_json(const boost::json::value& value);

}  // namespace faultline::harness
