#pragma once
// JSON text that people and strict parsers can both read: numbers in plain
// decimal (Boost.JSON writes doubles as 7.593220338983051E0 and 6E1), and
// strings that stay valid UTF-8 whatever bytes a node printed (an invalid
// byte becomes the four characters \xNN, so results.json always parses).
#include <boost/json.hpp>
#include <string>
#include <string_view>

namespace faultline::harness {

// One line, no spaces, like boost::json::serialize but with the rules above.
std::string json_text(const boost::json::value& value);
// `text` as a quoted JSON string; invalid UTF-8 bytes become \xNN.
void append_json_string(std::string& out, std::string_view text);
// A finite double in the shortest plain decimal that reads back the same
// ("60", "7.593220338983051", "0.0001"); null for NaN and infinities.
std::string plain_number(double d);
// `text` with every invalid UTF-8 byte replaced by \xNN (for text that is
// shown, not serialized).
std::string valid_utf8(std::string_view text);

}  // namespace faultline::harness
