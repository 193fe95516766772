#pragma once
// Indented JSON for files people open (results.json, summary.json), with
// the plain numbers and safe strings of json_text.hpp.
#include <boost/json.hpp>
#include <string>

namespace faultline::harness {

std::string pretty_json(const boost::json::value& value);

}  // namespace faultline::harness
